package io.kubenas.operator.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * The kubelet of {@link NodeAgent}: runs a pod's container as a local process with its volumes as directories,
 * probes its readiness, stops it with SIGTERM and the grace period, and writes pod status back (and, as their
 * controllers would, the owning Job's and Deployment's status).
 */
final class LocalKubelet {
    private final KubernetesClient client;
    private final Path root;
    private final Function<String, List<String>> entrypoint;
    private final Map<String, String> overrides;
    private final Map<String, LocalProcess> processes = new ConcurrentHashMap<>();

    /** One pod's process and where its ports went. */
    private record LocalProcess(Pod pod, Process process, Path terminationLog, Map<Integer, Integer> ports) {
    }

    LocalKubelet(KubernetesClient client, Path root, Function<String, List<String>> entrypoint, Map<String, String> overrides) {
        this.client = client;
        this.root = root;
        this.entrypoint = entrypoint;
        this.overrides = overrides;
    }

    /** The local URL of a pod's container port. */
    URI localUrl(String namespace, String podPrefix, int containerPort) {
        return processes.values().stream()
                .filter(p -> p.pod().getMetadata().getNamespace().equals(namespace) && p.pod().getMetadata().getName().startsWith(podPrefix))
                .filter(p -> p.ports().containsKey(containerPort))
                .map(p -> URI.create("http://localhost:" + p.ports().get(containerPort)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no local process for " + namespace + "/" + podPrefix));
    }

    /** Kills (SIGKILL) the processes of the pods whose names start with {@code podPrefix}. */
    void kill(String namespace, String podPrefix) {
        processes.values().stream()
                .filter(p -> p.pod().getMetadata().getNamespace().equals(namespace) && p.pod().getMetadata().getName().startsWith(podPrefix))
                .forEach(p -> p.process().destroyForcibly());
    }

    /** The output of the newest pod whose name starts with {@code podPrefix}. */
    String log(String namespace, String podPrefix) {
        Path dir = root.resolve(namespace);
        try (var pods = Files.list(dir)) {
            Path newest = pods.filter(p -> p.getFileName().toString().startsWith(podPrefix) && Files.exists(p.resolve("log")))
                    .max(Comparator.comparing(p -> p.resolve("log").toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no log of " + namespace + "/" + podPrefix));
            return Files.readString(newest.resolve("log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void close() {
        processes.values().forEach(p -> p.process().destroyForcibly());
    }

    /** The pods {@code owner} owns. */
    static List<Pod> ownedPods(KubernetesClient client, HasMetadata owner) {
        return client.pods().inNamespace(owner.getMetadata().getNamespace()).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream().anyMatch(o -> Objects.equals(o.getUid(), owner.getMetadata().getUid())))
                .toList();
    }

    /** Starts the process of a new pod (once). */
    void podChanged(Pod pod) {
        String key = key(pod);
        if (processes.containsKey(key) || !"Pending".equals(pod.getStatus() == null ? "Pending" : pod.getStatus().getPhase())) {
            return;
        }
        synchronized (this) {
            if (!processes.containsKey(key)) {
                processes.put(key, launch(pod));
            }
        }
    }

    private LocalProcess launch(Pod pod) {
        try {
            Path podDir = Files.createDirectories(root.resolve(pod.getMetadata().getNamespace()).resolve(pod.getMetadata().getName()));
            Container container = pod.getSpec().getContainers().get(0);
            Map<String, Path> mounts = mounts(pod, container, podDir);
            Map<Integer, Integer> ports = new LinkedHashMap<>();
            List<String> command = new ArrayList<>(entrypoint.apply(container.getImage()));
            List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (i > 0 && "--port".equals(args.get(i - 1))) {
                    int local = freePort();
                    ports.put(Integer.parseInt(arg), local);
                    arg = String.valueOf(local);
                }
                command.add(hostPath(arg, mounts));
            }
            Path terminationLog = podDir.resolve("termination-log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(podDir.resolve("log").toFile());
            builder.directory(mounts.getOrDefault("/var/lib/kubenas", podDir).toFile());
            Map<String, String> env = builder.environment();
            for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                if (var.getValue() != null) {
                    env.put(var.getName(), hostPath(var.getValue(), mounts));
                } else if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
                    String field = var.getValueFrom().getFieldRef().getFieldPath();
                    env.put(var.getName(), "metadata.namespace".equals(field) ? pod.getMetadata().getNamespace() : pod.getMetadata().getName());
                }
            }
            env.put("KUBERNETES_MASTER", client.getConfiguration().getMasterUrl());
            env.put("KUBERNETES_NAMESPACE", pod.getMetadata().getNamespace());
            env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
            env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
            env.put("KUBENAS_TERMINATION_LOG", terminationLog.toString());
            env.putAll(overrides);
            Process process = builder.start();
            running(pod, Instant.now());
            LocalProcess local = new LocalProcess(pod, process, terminationLog, ports);
            process.onExit().thenRun(() -> exited(local));
            if (container.getReadinessProbe() != null && container.getReadinessProbe().getHttpGet() != null) {
                background(() -> probe(local, container));
            }
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Container path → host directory, for every volume mount of the container. */
    private Map<String, Path> mounts(Pod pod, Container container, Path podDir) throws IOException {
        Map<String, Path> volumes = new LinkedHashMap<>();
        for (Volume volume : pod.getSpec().getVolumes()) {
            Path dir;
            if (volume.getPersistentVolumeClaim() != null) {
                dir = root.resolve(pod.getMetadata().getNamespace()).resolve("claims").resolve(volume.getPersistentVolumeClaim().getClaimName());
            } else {
                dir = podDir.resolve("volumes").resolve(volume.getName());
            }
            Files.createDirectories(dir);
            if (volume.getConfigMap() != null) {
                ConfigMap map = client.configMaps().inNamespace(pod.getMetadata().getNamespace()).withName(volume.getConfigMap().getName()).get();
                if (map != null && map.getData() != null) {
                    for (Map.Entry<String, String> entry : map.getData().entrySet()) {
                        Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
                    }
                }
            }
            volumes.put(volume.getName(), dir);
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            mounts.put(mount.getMountPath(), volumes.get(mount.getName()));
        }
        return mounts;
    }

    /** Rewrites a container path (or a value starting with one) to its host directory; longest mount first. */
    private static String hostPath(String value, Map<String, Path> mounts) {
        return mounts.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .filter(m -> value.equals(m) || value.startsWith(m + "/"))
                .findFirst()
                .map(m -> mounts.get(m).toString() + value.substring(m.length()))
                .orElse(value);
    }

    private void running(Pod pod, Instant started) {
        edit(pod, p -> p.setStatus(new PodStatusBuilder().withPhase("Running").withStartTime(started.toString())
                .withContainerStatuses(new ContainerStatusBuilder().withName(p.getSpec().getContainers().get(0).getName()).withReady(false)
                        .withNewState().withNewRunning().withStartedAt(started.toString()).endRunning().endState().build())
                .build()));
    }

    private void exited(LocalProcess local) {
        Pod pod = local.pod();
        int code = local.process().exitValue();
        String message = null;
        try {
            if (Files.exists(local.terminationLog())) {
                message = Files.readString(local.terminationLog(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            message = null;
        }
        String finished = Instant.now().toString();
        String terminationMessage = message;
        edit(pod, p -> {
            String started = p.getStatus().getStartTime();
            p.getStatus().setPhase(code == 0 ? "Succeeded" : "Failed");
            p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName(p.getSpec().getContainers().get(0).getName())
                    .withReady(false).withNewState().withNewTerminated().withExitCode(code).withReason(code == 0 ? "Completed" : "Error")
                    .withMessage(terminationMessage).withStartedAt(started).withFinishedAt(finished).endTerminated().endState().build()));
        });
        pod.getMetadata().getOwnerReferences().stream().filter(o -> "Job".equals(o.getKind())).findFirst().ifPresent(owner -> {
            Job job = client.batch().v1().jobs().inNamespace(pod.getMetadata().getNamespace()).withName(owner.getName()).get();
            if (job != null) {
                job.getStatus().setActive(0);
                job.getStatus().setConditions(List.of(new JobConditionBuilder().withType(code == 0 ? "Complete" : "Failed").withStatus("True")
                        .withReason(code == 0 ? "Completed" : "BackoffLimitExceeded").withLastTransitionTime(finished).build()));
                updateStatusQuietly(job);
            }
        });
    }

    private void probe(LocalProcess local, Container container) {
        int containerPort = local.ports().keySet().stream().findFirst().orElse(8080);
        URI ready = URI.create("http://localhost:" + local.ports().getOrDefault(containerPort, containerPort) + container.getReadinessProbe().getHttpGet().getPath());
        while (local.process().isAlive()) {
            try {
                HttpURLConnection connection = (HttpURLConnection) ready.toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    edit(local.pod(), p -> {
                        p.getStatus().getContainerStatuses().get(0).setReady(true);
                        p.getStatus().getConditions().add(new PodConditionBuilder().withType("Ready").withStatus("True").build());
                    });
                    deploymentReady(local.pod());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(200);
        }
    }

    private void deploymentReady(Pod pod) {
        pod.getMetadata().getOwnerReferences().stream().filter(o -> "Deployment".equals(o.getKind())).findFirst().ifPresent(owner -> {
            Deployment deployment = client.apps().deployments().inNamespace(pod.getMetadata().getNamespace()).withName(owner.getName()).get();
            long ready = ownedPods(client, deployment).stream().filter(p -> p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
            deployment.setStatus(new DeploymentStatusBuilder().withReplicas((int) ready)
                    .withReadyReplicas((int) ready).withAvailableReplicas((int) ready).build());
            updateStatusQuietly(deployment);
        });
    }

    /** SIGTERM, then SIGKILL after the grace period, as the kubelet does. */
    void stop(Pod pod, long graceSeconds) {
        LocalProcess local = processes.get(key(pod));
        if (local == null || !local.process().isAlive()) {
            return;
        }
        local.process().destroy();
        try {
            if (!local.process().waitFor(Math.max(1, graceSeconds), TimeUnit.SECONDS)) {
                local.process().destroyForcibly().waitFor();
            }
            local.process().onExit().get();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    private void edit(Pod pod, Consumer<Pod> change) {
        Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
        if (current != null) {
            if (current.getStatus() == null) {
                current.setStatus(new PodStatusBuilder().build());
            }
            change.accept(current);
            updateStatusQuietly(current);
        }
    }

    private void updateStatusQuietly(HasMetadata resource) {
        try {
            client.resource(resource).updateStatus();
        } catch (KubernetesClientException e) {
            // deleted meanwhile
        }
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void background(Runnable work) {
        Thread thread = new Thread(work, "node-agent");
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
