package io.kubenas.operator.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubenas.operator.dependent.SearchObjects;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A test-only node (design.md section 8, tier 3) for the test API server: it plays the Job controller and
 * the Deployment controller (creates their pods) and the kubelet (runs each pod's container as a local
 * process). Volumes become directories (a ConfigMap's keys as files, a claim one directory shared by every
 * pod that mounts it, an emptyDir one per pod); container paths in args and environment are rewritten to
 * them; a serving port becomes a free local port. Pod, Job and Deployment status are written back as the real
 * components would, so the real operator drives real processes.
 *
 * <p>Images are not pulled: {@code entrypoint} maps an image to the local command its entrypoint stands for.
 * Processes also get {@code KUBERNETES_MASTER} (the test server) and {@code KUBENAS_TERMINATION_LOG}, a file
 * that stands for {@code /dev/termination-log}.
 *//**
 * A test-only node (design.md section 8, tier 3) for the test API server: it plays the Job controller and
 * the Deployment controller (creates their pods) and the kubelet (runs each pod's container as a local
 * process). Volumes become directories (a ConfigMap's keys as files, a claim one directory shared by every
 * pod that mounts it, an emptyDir one per pod); container paths in args and environment are rewritten to
 * them; a serving port becomes a free local port. Pod, Job and Deployment status are written back as the real
 * components would, so the real operator drives real processes.
 *
 * <p>Images are not pulled: {@code entrypoint} maps an image to the local command its entrypoint stands for.
 * Processes also get {@code KUBERNETES_MASTER} (the test server) and {@code KUBENAS_TERMINATION_LOG}, a file
 * that stands for {@code /dev/termination-log}.
 */
public final class NodeAgent implements AutoCloseable {
    private final KubernetesClient client;
    private final LocalKubelet kubelet;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    public NodeAgent(KubernetesClient client, Path root, Function<String, List<String>> entrypoint) {
        this(client, root, entrypoint, Map.of());
    }

    /** {@code env} is set on every process last, e.g. a DJL cache shared by all of them. */
    public NodeAgent(KubernetesClient client, Path root, Function<String, List<String>> entrypoint, Map<String, String> env) {
        this.client = client;
        this.kubelet = new LocalKubelet(client, root, entrypoint, env);
    }

    public NodeAgent start() {
        informers.add(client.batch().v1().jobs().inAnyNamespace().withLabel(SearchObjects.LABEL_MANAGED_BY, SearchObjects.MANAGED_BY)
                .inform(handler(this::jobChanged, this::ownerDeleted)));
        informers.add(client.apps().deployments().inAnyNamespace().withLabel(SearchObjects.LABEL_MANAGED_BY, SearchObjects.MANAGED_BY)
                .inform(handler(this::deploymentChanged, this::ownerDeleted)));
        informers.add(client.pods().inAnyNamespace().withLabel(SearchObjects.LABEL_MANAGED_BY, SearchObjects.MANAGED_BY)
                .inform(handler(kubelet::podChanged, pod -> kubelet.stop(pod, 0))));
        return this;
    }

    /** The local URL of a serving pod's container port, e.g. to send it an inference request. */
    public URI localUrl(String namespace, String podPrefix, int containerPort) {
        return kubelet.localUrl(namespace, podPrefix, containerPort);
    }

    /** POSTs {@code json} to {@code path} on a pod's container port, e.g. an inference request to a serving pod. */
    public HttpResponse<String> postJson(String namespace, String podPrefix, int containerPort, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(localUrl(namespace, podPrefix, containerPort).resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Kills the processes of the pods whose names start with {@code podPrefix}, as an OOM kill or a crash would. */
    public void kill(String namespace, String podPrefix) {
        kubelet.kill(namespace, podPrefix);
    }

    /** What the newest pod whose name starts with {@code podPrefix} wrote to stdout and stderr. */
    public String log(String namespace, String podPrefix) {
        return kubelet.log(namespace, podPrefix);
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::stop);
        kubelet.close();
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> changed, Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                deleted.accept(obj);
            }
        };
    }

    // The Job controller: one pod per Job (completions 1, backoffLimit 0), none while Kueue keeps it suspended.
    private void jobChanged(Job job) {
        if (Boolean.TRUE.equals(job.getSpec().getSuspend()) || !LocalKubelet.ownedPods(client, job).isEmpty() || job.getStatus() != null && job.getStatus().getStartTime() != null) {
            return;
        }
        Job started = job;
        started.setStatus(new JobStatusBuilder().withStartTime(Instant.now().toString()).withActive(1).build());
        client.resource(started).updateStatus();
        createPod(job, job.getSpec().getTemplate(), "batch.kubernetes.io/job-name");
    }

    // The Deployment controller: as many pods as replicas; readiness counted into its status.
    private void deploymentChanged(Deployment deployment) {
        int wanted = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        List<Pod> pods = LocalKubelet.ownedPods(client, deployment);
        for (int i = pods.size(); i < wanted; i++) {
            createPod(deployment, deployment.getSpec().getTemplate(), null);
        }
    }

    /** Kubernetes' garbage collector with graceful deletion: stop the owner's pods, then delete them. */
    private void ownerDeleted(HasMetadata owner) {
        for (Pod pod : LocalKubelet.ownedPods(client, owner)) {
            LocalKubelet.background(() -> {
                long grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : pod.getSpec().getTerminationGracePeriodSeconds();
                kubelet.stop(pod, grace);
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
            });
        }
    }

    private void createPod(HasMetadata owner, PodTemplateSpec template, String ownerLabel) {
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        if (ownerLabel != null) {
            labels.put(ownerLabel, owner.getMetadata().getName());
        }
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName(owner.getMetadata().getName() + "-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36))
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(template.getMetadata().getAnnotations())
                    .withOwnerReferences(new OwnerReference(owner.getApiVersion(), true, true, owner.getKind(), owner.getMetadata().getName(),
                            owner.getMetadata().getUid()))
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
        client.resource(pod).create();
    }
}
