package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.KubenasRelease;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What the real controllers do with a search's objects: the garbage collector on deletion (a retained volume
 * stays), the Job controller enforcing the budget deadline, suspend and resume, and the operator's own pod
 * replaced mid-search. The trainer is the real one, on short epochs.
 */
class LifecycleTest extends ClusterTest {
    LifecycleTest() {
        super("e2e-lifecycle");
    }

    private static final Duration WAIT = Duration.ofMinutes(6);
    private static final Map<String, String> SEARCH_LABEL = Map.of("app.kubernetes.io/managed-by", "kubenas-operator");

    /** A search that runs for a while: many short epochs, a checkpoint after each. */
    private static final String LONG = """
              training:
                epochs: 40
                maxStepsPerEpoch: 2
                batchSize: 16
              restartPolicy:
                backoffSeconds: 1
              serving:
                enabled: false
            """;

    @Test
    void deletingASearchLetsTheGarbageCollectorRemoveWhatItOwnsButARetainedVolume() {
        searches.apply("gc-retained", """
                  training:
                    epochs: 1
                    maxStepsPerEpoch: 2
                    batchSize: 16
                  checkpoint:
                    retainOnDelete: true
                  serving:
                    enabled: false
                """);
        searches.apply("gc-plain", LONG);
        searches.await("gc-retained", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED);
        searches.await("gc-plain", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        assertThat(owned(cluster.client(), "gc-retained")).isNotEmpty();

        cluster.kubectl("delete", "nassearch", "gc-retained", "gc-plain", "-n", namespace, "--wait=true");

        Awaitility.await("the garbage collector removes every object the searches owned").atMost(WAIT)
                .untilAsserted(() -> assertThat(owned(cluster.client(), "gc-retained", "gc-plain"))
                        .extracting(o -> o.getClass().getSimpleName() + "/" + o.getMetadata().getName())
                        .containsExactly("PersistentVolumeClaim/gc-retained-checkpoints"));
        assertThat(cluster.client().persistentVolumeClaims().inNamespace(namespace).withName("gc-retained-checkpoints").get()
                .getMetadata().getOwnerReferences()).as("a retained volume has no owner").isEmpty();
        Awaitility.await("the deleted search's trainer pod is gone").atMost(WAIT)
                .until(() -> searches.pods("gc-plain-trainer-").isEmpty());
    }

    @Test
    void aBudgetLoweredBelowWhatIsUsedIsEnforcedByTheJobControllersDeadline() {
        searches.apply("deadline", LONG);
        NasSearch running = searches.await("deadline", WAIT, s -> s.getStatus().getCheckpoints() != null
                && s.getStatus().getCheckpoints().getLatest() != null);
        assertThat(running.getStatus().getPhase()).isEqualTo(Phase.SEARCHING);

        // 3.6 device-seconds: already spent, so the operator shortens the running Job's deadline to (almost) nothing.
        searches.apply("deadline", LONG.replace("serving:", "budget:\n    deviceHours: 0.001\n  serving:"));

        NasSearch exhausted = searches.await("deadline", WAIT, s -> s.getStatus().getPhase() == Phase.BUDGET_EXHAUSTED
                || s.getStatus().getPhase() == Phase.FAILED);
        assertThat(exhausted.getStatus().getPhase()).as(String.valueOf(exhausted.getStatus().getConditions())).isEqualTo(Phase.BUDGET_EXHAUSTED);
        // Since Kubernetes 1.31 the Job controller marks FailureTarget at once and Failed once the pod is gone
        // (the trainer gets its grace period to write a final checkpoint).
        Awaitility.await("the Job controller ends the Job at its deadline").atMost(WAIT).untilAsserted(() ->
                assertThat(cluster.client().batch().v1().jobs().inNamespace(namespace).withName("deadline-trainer-1").get()
                        .getStatus().getConditions())
                        .anySatisfy(c -> {
                            assertThat(c.getType()).isEqualTo("Failed");
                            assertThat(c.getReason()).isEqualTo("DeadlineExceeded");
                        }));
        assertThat(exhausted.getStatus().getAttempts().getRestarts()).isZero();
    }

    @Test
    void suspendStopsTheTrainerAndResumeContinuesFromItsCheckpoint() {
        searches.apply("pause", LONG);
        searches.await("pause", WAIT, s -> s.getStatus().getCheckpoints() != null && s.getStatus().getCheckpoints().getLatest() != null);

        searches.apply("pause", LONG + "  suspend: true\n");
        searches.await("pause", WAIT, s -> s.getStatus().getPhase() == Phase.SUSPENDED);
        Awaitility.await("the suspended search's trainer stops").atMost(WAIT)
                .until(() -> searches.pods("pause-trainer-").stream().noneMatch(LifecycleTest::running));
        Pod first = searches.pods("pause-trainer-1-").stream().findFirst().orElse(null);
        if (first != null) {
            assertThat(first.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                    .as("SIGTERM: the trainer wrote its final checkpoint and exited as resumable").isEqualTo(75);
        }

        searches.apply("pause", LONG + "  suspend: false\n");
        NasSearch done = searches.await("pause", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED || s.getStatus().getPhase() == Phase.FAILED);
        assertThat(done.getStatus().getPhase()).as(String.valueOf(done.getStatus().getConditions())).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.getStatus().getAttempts().getRestarts()).isZero();
        assertThat(cluster.log(searches.pods("pause-trainer-2-").get(0), "trainer")).contains("resumed from checkpoint");
    }

    @Test
    void operatorReplacedMidSearchKeepsOneTrainerJobAndTheStatus() {
        searches.apply("restart", LONG);
        NasSearch before = searches.await("restart", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);

        List<Pod> operators = cluster.client().pods().inNamespace(KubenasRelease.NAMESPACE)
                .withLabel("app.kubernetes.io/name", "kubenas").list().getItems();
        assertThat(operators).hasSize(1);
        cluster.client().resource(operators.get(0)).delete();
        Awaitility.await("the Deployment's new operator pod is ready").atMost(WAIT).until(() -> cluster.client().pods()
                .inNamespace(KubenasRelease.NAMESPACE).withLabel("app.kubernetes.io/name", "kubenas").list().getItems().stream()
                .anyMatch(p -> !p.getMetadata().getUid().equals(operators.get(0).getMetadata().getUid()) && ready(p)));

        NasSearch done = searches.await("restart", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED || s.getStatus().getPhase() == Phase.FAILED);
        assertThat(done.getStatus().getPhase()).as(String.valueOf(done.getStatus().getConditions())).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.getStatus().getAttempts().getCount()).as("no second attempt").isEqualTo(before.getStatus().getAttempts().getCount());
        assertThat(cluster.client().batch().v1().jobs().inNamespace(namespace).withLabel("kubenas.io/search", "restart").list().getItems())
                .extracting(j -> j.getMetadata().getName()).containsExactly("restart-trainer-1");
    }

    private static boolean running(Pod pod) {
        return "Running".equals(pod.getStatus().getPhase()) || "Pending".equals(pod.getStatus().getPhase());
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Every object of the namespace managed by the operator for these searches. */
    private List<HasMetadata> owned(KubernetesClient client, String... names) {
        return Stream.of(names).flatMap(name -> Stream.<List<? extends HasMetadata>>of(
                        client.batch().v1().jobs().inNamespace(namespace).withLabels(SEARCH_LABEL).withLabel("kubenas.io/search", name).list().getItems(),
                        client.configMaps().inNamespace(namespace).withLabels(SEARCH_LABEL).withLabel("kubenas.io/search", name).list().getItems(),
                        client.persistentVolumeClaims().inNamespace(namespace).withLabels(SEARCH_LABEL).withLabel("kubenas.io/search", name).list().getItems(),
                        client.serviceAccounts().inNamespace(namespace).withLabels(SEARCH_LABEL).withLabel("kubenas.io/search", name).list().getItems(),
                        client.rbac().roles().inNamespace(namespace).withLabels(SEARCH_LABEL).withLabel("kubenas.io/search", name).list().getItems(),
                        client.rbac().roleBindings().inNamespace(namespace).withLabels(SEARCH_LABEL).withLabel("kubenas.io/search", name).list().getItems())
                .flatMap(List::stream))
                .map(HasMetadata.class::cast)
                .toList();
    }
}
