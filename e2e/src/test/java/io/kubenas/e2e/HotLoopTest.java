package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.api.v1alpha1.ProgressStatus;
import io.kubenas.e2e.cluster.KubenasRelease;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import io.kubenas.e2e.cluster.TestCluster;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator does not spin: each transition of a search costs a few reconciles, and a finished search none,
 * counted by the chart's operator's own metric while the real controllers (Job, PVC binding, scheduler, kubelet)
 * write to what the search owns. Bounds: what was measured on the real control plane, plus a margin.
 */
@ExtendWith(TestCluster.class)
class HotLoopTest {
    private static final String NAMESPACE = "e2e-hotloop";
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static Searches searches;
    private static TestCluster cluster;

    @BeforeAll
    static void install(TestCluster testCluster) {
        cluster = testCluster;
        searches = Searches.inRestrictedNamespace(cluster, NAMESPACE);
    }

    /** The reconcile count once it stopped moving (three equal readings half a second apart). */
    private static long settle() {
        long[] last = { -1 };
        Awaitility.await().pollInterval(Duration.ofMillis(700)).atMost(WAIT).until(() -> {
            long now = KubenasRelease.reconciles(cluster, NAMESPACE);
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
        return last[0];
    }

    @Test
    void eachTransitionCostsAFewReconcilesAndAQuietSearchNone() {
        long before = settle();  // the operator's counter outlives a namespace made afresh on a reused cluster
        searches.apply("calm", "  trainerImage: " + ScriptedTrainer.IMAGE + "\n  serving:\n    enabled: false\n");
        searches.await("calm", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        long running = settle();
        System.out.printf("reconciles from create to a running trainer: %d%n", running - before);
        assertThat(running - before).as("reconciles from create to a running trainer").isBetween(2L, 10L);

        for (int epoch = 1; epoch <= 5; epoch++) {
            ScriptedTrainer.tell(NAMESPACE, "calm", 1, "progress " + JSON.asJson(searching(epoch)));
        }
        searches.await("calm", WAIT, s -> s.getStatus().getProgress() != null && s.getStatus().getProgress().getEpoch() == 5);
        long progressed = settle();
        System.out.printf("reconciles for five progress patches: %d%n", progressed - running);
        assertThat(progressed - running).as("reconciles for five progress patches").isBetween(1L, 7L);

        ScriptedTrainer.tell(NAMESPACE, "calm", 1, "exit 0 " + JSON.asJson(new TrainerProgress().withStage(TrainerStage.EXPORTED)
                .withOutcome(TrainerOutcome.EPOCHS_COMPLETED).withAttempt(1).withChild(child())));
        searches.await("calm", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED);
        long finished = settle();
        System.out.printf("reconciles for the trainer finishing: %d%n", finished - progressed);
        assertThat(finished - progressed).as("reconciles for the trainer finishing").isBetween(1L, 6L);
        // A finished search waits for events only: no periodic reconciles.
        Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> KubenasRelease.reconciles(cluster, NAMESPACE) == finished);
    }

    private static TrainerProgress searching(int epoch) {
        ProgressStatus progress = new ProgressStatus();
        progress.setEpoch(epoch);
        progress.setTotalEpochs(5);
        progress.setStep(100L * epoch);
        progress.setBestAccuracy(0.5 + epoch / 100.0);
        return new TrainerProgress().withStage(TrainerStage.SEARCHING).withOutcome(TrainerOutcome.RUNNING).withAttempt(1)
                .withProgress(progress);
    }

    private static ChildStatus child() {
        ChildStatus child = new ChildStatus();
        child.setPath("child");
        child.setSha256("beef");
        child.setOps(List.of("shuffle3x3", "xception"));
        child.setParameters(94_000L);
        child.setValidationAccuracy(0.9);
        return child;
    }
}
