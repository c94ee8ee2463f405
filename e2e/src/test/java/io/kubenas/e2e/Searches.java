package io.kubenas.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.KubenasRelease;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import io.kubenas.e2e.cluster.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** NasSearches of one namespace, applied as a user would ({@code kubectl apply}) and read back from the API server. */
public final class Searches {
    private final TestCluster cluster;
    private final String namespace;

    Searches(TestCluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    /**
     * The namespace's searches, with kubenas installed by the chart (once per run) and the namespace enforcing the
     * {@code restricted} Pod Security Standard.
     */
    static Searches inRestrictedNamespace(TestCluster cluster, String namespace) {
        KubenasRelease.installOnce(cluster);
        // A cluster that outlives a run (-Dkubenas.test-cluster.dir) still holds the last run's searches.
        cluster.kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=true", "--timeout=180s");
        ScriptedTrainer.forget(namespace);
        KubenasRelease.restrictedNamespace(cluster, namespace);
        return new Searches(cluster, namespace);
    }

    /**
     * A Fashion-MNIST DSNAS search as a manifest; {@code specExtra} is more YAML under spec, indented two spaces;
     * without a budget in it the budget is one device-hour.
     */
    public static String manifest(String name, String namespace, String specExtra) {
        String budget = specExtra.contains("budget:") ? "" : "  budget:\n    deviceHours: 1\n";
        return """
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  dataset:
                    builtin: fashion-mnist
                %s%s""".formatted(name, namespace, budget, specExtra.isBlank() ? "" : specExtra.stripTrailing() + "\n");
    }

    /** Applies {@link #manifest} as a user would. */
    void apply(String name, String specExtra) {
        applyManifest(manifest(name, namespace, specExtra));
    }

    /** Applies a search whose trainer is the scripted stand-in ({@link ScriptedTrainer}). */
    void applyScripted(String name, String specExtra) {
        apply(name, "  trainerImage: " + ScriptedTrainer.IMAGE + "\n" + specExtra);
    }

    /**
     * A search with the real trainer of one epoch of two steps and serving on (model {@code fashion}), awaited until it
     * serves: the shortest run through search, export, promotion and a serving pod. Fails with its conditions otherwise.
     */
    NasSearch runTinyRealSearchUntilServing(String name, Duration timeout) {
        apply(name, """
                  training:
                    epochs: 1
                    maxStepsPerEpoch: 2
                    batchSize: 16
                  serving:
                    modelName: fashion
                """);
        NasSearch done = await(name, timeout, s -> s.getStatus().getPhase() == Phase.SERVING || s.getStatus().getPhase() == Phase.FAILED);
        if (done.getStatus().getPhase() != Phase.SERVING) {
            throw new AssertionError(name + " ended " + done.getStatus().getPhase() + ": " + done.getStatus().getConditions());
        }
        return done;
    }

    /** {@code kubectl apply} of a manifest. */
    void applyManifest(String yaml) {
        try {
            Path file = Files.createTempFile("nassearch-", ".yaml");
            Files.writeString(file, yaml);
            cluster.kubectl("apply", "-f", file.toString());
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    NasSearch get(String name) {
        return cluster.client().resources(NasSearch.class).inNamespace(namespace).withName(name).get();
    }

    /** Waits until the search's status satisfies the condition; the time-out message shows the last status seen. */
    NasSearch await(String name, Duration timeout, Predicate<NasSearch> condition) {
        AtomicReference<NasSearch> last = new AtomicReference<>();
        try {
            Awaitility.await(namespace + "/" + name).atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        NasSearch s = get(name);
                        last.set(s);
                        return s != null && s.getStatus() != null && condition.test(s);
                    });
        } catch (ConditionTimeoutException e) {
            // Awaitility's alias is a string made before the first poll: the status seen last is added here.
            NasSearch s = last.get();
            throw new AssertionError(e.getMessage() + "; the last status seen: " + (s == null ? "no such search" : s.getStatus()), e);
        }
        return last.get();
    }

    /** The trainer Job of attempt {@code attempt} of the search, or null while there is none. */
    Job job(String search, int attempt) {
        return cluster.client().batch().v1().jobs().inNamespace(namespace).withName(search + "-trainer-" + attempt).get();
    }

    /** Waits for the trainer Job of attempt {@code attempt} of the search to exist. */
    Job awaitJob(String search, int attempt, Duration timeout) {
        return Awaitility.await("the trainer Job " + search + "-trainer-" + attempt).atMost(timeout)
                .until(() -> job(search, attempt), j -> j != null);
    }

    /** The namespace's pods whose names start with the prefix, oldest first. */
    List<Pod> pods(String prefix) {
        return cluster.client().pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith(prefix))
                .sorted(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
                .toList();
    }

    /** How long a finished pod's (first) container ran, as the kubelet reported it (whole seconds). */
    static double ranSeconds(Pod pod) {
        var terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        return Duration.between(Instant.parse(terminated.getStartedAt()), Instant.parse(terminated.getFinishedAt())).toMillis() / 1000.0;
    }

    /**
     * Asks the process kubelet to send a signal to the pod's container (its test control annotation), with kubectl
     * annotate: a merge patch without a resource version, so the kubelet's status writes never conflict with it.
     */
    void signal(Pod pod, String signal) {
        cluster.kubectl("annotate", "pod", pod.getMetadata().getName(), "-n", namespace, "test.kubenas.io/signal=" + signal, "--overwrite");
    }
}
