package io.kubenas.operator.support;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubenas.api.progress.ProgressContract;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.operator.dependent.SearchObjects;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Plays the parts of Kubernetes the test API server does not run (Keycloak's test habit): the Job
 * controller and kubelet for trainer pods, the Deployment controller's status, and the trainer's progress
 * patches. Each method writes what those components would write.
 */
public final class FakeCluster {
    public static final Duration WAIT = Duration.ofSeconds(20);
    private final KubernetesClient client;

    public FakeCluster(KubernetesClient client) {
        this.client = client;
    }

    public NasSearch create(NasSearch search) {
        return client.resource(search).create();
    }

    public NasSearch get(String namespace, String name) {
        return client.resources(NasSearch.class).inNamespace(namespace).withName(name).get();
    }

    /** Waits until the search has a status that satisfies {@code until}, and returns it. */
    public NasSearch awaitStatus(String namespace, String name, Predicate<NasSearch> until) {
        return awaitStatus(namespace, name, WAIT, until);
    }

    public NasSearch awaitStatus(String namespace, String name, Duration within, Predicate<NasSearch> until) {
        return await().atMost(within).until(() -> get(namespace, name), s -> s.getStatus() != null && until.test(s));
    }

    /** The user edits the spec (kubectl edit). */
    public NasSearch editSpec(String namespace, String name, Consumer<NasSearchSpec> change) {
        return client.resources(NasSearch.class).inNamespace(namespace).withName(name).edit(s -> {
            change.accept(s.getSpec());
            return s;
        });
    }

    /** Waits for the trainer Job of {@code attempt} to exist. */
    public Job awaitJob(String namespace, String search, int attempt) {
        String name = SearchObjects.trainerJob(search, attempt);
        return await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get(), Objects::nonNull);
    }

    public Job job(String namespace, String search, int attempt) {
        return client.batch().v1().jobs().inNamespace(namespace).withName(SearchObjects.trainerJob(search, attempt)).get();
    }

    /** The Job controller creates the pod, the kubelet starts it at {@code startedAt}. */
    public Pod startPod(Job job, Instant startedAt) {
        Map<String, String> labels = new LinkedHashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName(job.getMetadata().getName() + "-x" + Long.toHexString(System.nanoTime() & 0xffff))
                    .withNamespace(job.getMetadata().getNamespace())
                    .withLabels(labels)
                    .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
                        .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .build();
        Pod created = client.resource(pod).create();
        created.setStatus(new PodStatusBuilder()
                .withPhase("Running")
                .withStartTime(startedAt.toString())
                .withContainerStatuses(new ContainerStatusBuilder().withName("trainer").withReady(true)
                        .withNewState().withNewRunning().withStartedAt(startedAt.toString()).endRunning().endState().build())
                .build());
        return client.resource(created).updateStatus();
    }

    /** The trainer container exits with {@code exitCode}, leaving {@code message} as its termination message. */
    public Pod finishPod(Pod pod, int exitCode, String reason, String message, Instant finishedAt) {
        Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
        current.getStatus().setPhase(exitCode == 0 ? "Succeeded" : "Failed");
        current.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("trainer").withReady(false)
                .withNewState().withNewTerminated().withExitCode(exitCode).withReason(reason).withMessage(message)
                .withStartedAt(current.getStatus().getStartTime()).withFinishedAt(finishedAt.toString()).endTerminated().endState()
                .build()));
        return client.resource(current).updateStatus();
    }

    /** The pod is evicted (e.g. node pressure or a drain): a DisruptionTarget condition, SIGTERM, exit 75. */
    public Pod evictPod(Pod pod, Instant at) {
        Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
        current.getStatus().getConditions().add(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                .withReason("EvictionByEvictionAPI").withMessage("Eviction API: evicting").withLastTransitionTime(at.toString()).build());
        client.resource(current).updateStatus();
        return finishPod(current, 75, "Error", null, at);
    }

    /** The Job controller marks the Job failed, e.g. with reason DeadlineExceeded. */
    public Job failJob(Job job, String reason, Instant at) {
        Job current = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).get();
        if (current.getStatus() == null) {
            current.setStatus(new JobStatus());
        }
        current.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Failed").withStatus("True").withReason(reason)
                .withMessage("Job was active longer than specified deadline").withLastTransitionTime(at.toString()).build()));
        current.getStatus().setFailed(1);
        current.getStatus().setActive(0);
        return client.resource(current).updateStatus();
    }

    /** The trainer patches its progress ConfigMap. */
    public void pushProgress(String namespace, String search, TrainerProgress progress) {
        client.configMaps().inNamespace(namespace).withName(ProgressContract.progressConfigMapName(search))
                .edit(map -> {
                    map.getData().put(ProgressContract.PROGRESS_KEY, Serialization.asJson(progress));
                    return map;
                });
    }

    /** The Deployment controller reports {@code ready} ready replicas. */
    public Deployment markDeploymentReady(String namespace, String name, int ready) {
        Deployment current = await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(namespace).withName(name).get(), Objects::nonNull);
        current.setStatus(new DeploymentStatusBuilder()
                .withReplicas(ready).withReadyReplicas(ready).withAvailableReplicas(ready).withObservedGeneration(current.getMetadata().getGeneration())
                .build());
        return client.resource(current).updateStatus();
    }
}
