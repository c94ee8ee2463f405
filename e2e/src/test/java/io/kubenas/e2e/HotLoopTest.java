package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.KubenasRelease;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The operator does not spin: each transition of a search costs a few reconciles, and a finished search none,
 * counted by the chart's operator's own metric while the real controllers (Job, PVC binding, scheduler, kubelet)
 * write to what the search owns. Bounds: what was measured on the real control plane, plus a margin.
 */
class HotLoopTest extends ClusterTest {
    HotLoopTest() {
        super("e2e-hotloop");
    }

    private static final Duration WAIT = Duration.ofMinutes(2);

    /**
     * The reconcile count once it stopped moving: unchanged for 6 s (nine readings 0.7 s apart), so that the last
     * events of a transition (a Job's status settling after its pod) are in even on a loaded machine.
     */
    private long settle() {
        long[] last = { -1 };
        int[] unchanged = { 0 };
        Awaitility.await().pollInterval(Duration.ofMillis(700)).atMost(WAIT).ignoreExceptions().until(() -> {
            long now = KubenasRelease.reconciles(cluster, namespace, "success");
            unchanged[0] = now == last[0] ? unchanged[0] + 1 : 0;
            last[0] = now;
            return unchanged[0] >= 8;
        });
        return last[0];
    }

    /** Every change of the reconcile count during {@code window}, with when it was seen. */
    private List<String> changesDuring(Duration window, long from) throws InterruptedException {
        List<String> changes = new ArrayList<>();
        Instant end = Instant.now().plus(window);
        long seen = from;
        while (Instant.now().isBefore(end)) {
            long now = KubenasRelease.reconciles(cluster, namespace, "success");
            if (now != seen) {
                changes.add(Instant.now() + ": " + seen + " -> " + now);
                seen = now;
            }
            Thread.sleep(250);
        }
        return changes;
    }

    @Test
    void eachTransitionCostsAFewReconcilesAndAQuietSearchNone() throws InterruptedException {
        long before = settle();  // the operator's counter outlives a namespace made afresh on a reused cluster
        searches.applyScripted("calm", "  serving:\n    enabled: false\n");
        searches.await("calm", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        long running = settle();
        System.out.printf("reconciles from create to a running trainer: %d%n", running - before);
        assertThat(running - before).as("reconciles from create to a running trainer").isBetween(2L, 10L);

        for (int epoch = 1; epoch <= 5; epoch++) {
            ScriptedTrainer.tell(namespace, "calm", 1, "progress " + TrainerReports.searching(1, epoch, 0.5 + epoch / 100.0));
        }
        searches.await("calm", WAIT, s -> s.getStatus().getProgress() != null && s.getStatus().getProgress().getEpoch() == 5);
        long progressed = settle();
        System.out.printf("reconciles for five progress patches: %d%n", progressed - running);
        assertThat(progressed - running).as("reconciles for five progress patches").isBetween(1L, 7L);

        ScriptedTrainer.tell(namespace, "calm", 1, "exit 0 " + TrainerReports.finished(TrainerOutcome.EPOCHS_COMPLETED, 0.9));
        searches.await("calm", WAIT, s -> s.getStatus().getPhase() == Phase.SUCCEEDED);
        long finished = settle();
        Instant settledAt = Instant.now();
        System.out.printf("reconciles for the trainer finishing: %d%n", finished - progressed);
        assertThat(finished - progressed).as("reconciles for the trainer finishing").isBetween(1L, 6L);
        // A finished search waits for events only: no periodic reconciles.
        assertThat(changesDuring(Duration.ofSeconds(5), finished)).as("reconciles of the finished search after %s", settledAt).isEmpty();
    }
}
