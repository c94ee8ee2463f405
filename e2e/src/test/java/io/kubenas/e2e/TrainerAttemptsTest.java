package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * How the operator runs attempts, on the real control plane with the scripted stand-in trainer (the test decides
 * when an attempt pushes progress and how it ends): pushed progress in status; a crashing trainer restarted with
 * back-off until its restarts run out; an eviction through the Eviction API resumed without using a restart; a
 * rejected input failing at once; a budget lowered and raised again; a resume that waits for the old pod to stop.
 */
class TrainerAttemptsTest extends ClusterTest {
    TrainerAttemptsTest() {
        super("e2e-attempts");
    }

    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void pushedProgressShowsUpInStatus() {
        searches.applyScripted("pushed", "");
        searches.await("pushed", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        ScriptedTrainer.tell(namespace, "pushed", 1, "progress " + TrainerReports.searching(1, 2, 0.71));

        NasSearch seen = searches.await("pushed", WAIT, s -> s.getStatus().getProgress() != null);
        assertThat(seen.getStatus().getPhase()).isEqualTo(Phase.SEARCHING);
        assertThat(seen.getStatus().getProgress().getEpoch()).isEqualTo(2);
        assertThat(seen.getStatus().getProgress().getStage()).isEqualTo("Searching");
        assertThat(seen.getStatus().getProgress().getBestAccuracy()).isEqualTo(0.71);
        assertThat(seen.getStatus().getArchitecture().getLayers()).singleElement().satisfies(l -> assertThat(l.getOp()).isEqualTo("shuffle3x3"));
        assertThat(seen.getStatus().getCheckpoints().getLatest().getName()).isEqualTo("epoch-2");
        assertThat(seen.getStatus().getCheckpoints().getHistory()).hasSize(1);
        assertThat(seen.getStatus().getBudget().getDeviceSecondsLimit()).isEqualTo(3600.0);
        assertThat(seen.getStatus().getAttempts().getCount()).isEqualTo(1);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(events()).contains("TrainerStarted", "Searching", "CheckpointSaved"));
        ScriptedTrainer.tell(namespace, "pushed", 1, "exit 75");
    }

    @Test
    void failedTrainerResumesInANewAttemptAfterBackoffUntilRestartsRunOut() {
        searches.applyScripted("crashy", """
                  restartPolicy:
                    maxRestarts: 1
                    backoffSeconds: 1
                    maxBackoffSeconds: 1
                """);
        searches.await("crashy", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        ScriptedTrainer.tell(namespace, "crashy", 1, "sleep 2", "exit 1 java.lang.IllegalStateException: boom");

        NasSearch backingOff = searches.await("crashy", WAIT, s -> s.getStatus().getAttempts().getRestarts() == 1);
        assertThat(backingOff.getStatus().getAttempts().getLastFailure().getExitCode()).isEqualTo(1);
        assertThat(backingOff.getStatus().getAttempts().getLastFailure().getReason()).isEqualTo("Error");
        double firstRan = Searches.ranSeconds(searches.pods("crashy-trainer-1-").get(0));

        Job second = searches.awaitJob("crashy", 2, WAIT);
        assertThat(env(second, PodContract.ENV_ATTEMPT)).isEqualTo("2");
        assertThat(Double.parseDouble(env(second, PodContract.ENV_DEVICE_SECONDS_USED))).isCloseTo(firstRan, within(1.5));
        assertThat(Double.parseDouble(env(second, PodContract.ENV_WALL_SECONDS_USED))).isCloseTo(firstRan, within(1.5));
        assertThat(second.getSpec().getActiveDeadlineSeconds().doubleValue()).isCloseTo(3600 - firstRan, within(2.0));

        searches.await("crashy", WAIT, s -> s.getStatus().getAttempts().getCount() == 2 && s.getStatus().getPhase() == Phase.SEARCHING);
        searches.signal(searches.pods("crashy-trainer-2-").get(0), "SIGKILL");
        NasSearch failed = searches.await("crashy", WAIT, s -> s.getStatus().getPhase() == Phase.FAILED);
        assertThat(progressing(failed).getReason()).isEqualTo("RestartsExhausted");
        assertThat(failed.getStatus().getAttempts().getLastFailure().getExitCode()).isEqualTo(137);
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> searches.job("crashy", 3) == null);
        assertThat(events()).contains("RestartScheduled", "Failed");
    }

    @Test
    void evictedTrainerResumesWithoutUsingARestart() {
        searches.applyScripted("evicted", "  restartPolicy:\n    maxRestarts: 0\n");
        searches.await("evicted", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        Pod pod = searches.pods("evicted-trainer-1-").get(0);
        // The Eviction API (what a drain uses): the API server marks the pod DisruptionTarget and deletes it
        // gracefully; the kubelet sends SIGTERM and the trainer exits 75.
        assertThat(cluster.client().pods().inNamespace(namespace).withName(pod.getMetadata().getName()).evict()).isTrue();

        Job second = searches.awaitJob("evicted", 2, WAIT);
        assertThat(env(second, PodContract.ENV_ATTEMPT)).isEqualTo("2");
        NasSearch seen = searches.await("evicted", WAIT, s -> s.getStatus().getAttempts().getCount() == 2);
        assertThat(seen.getStatus().getAttempts().getRestarts()).isZero();
        assertThat(seen.getStatus().getAttempts().getEvictions()).isEqualTo(1);
        assertThat(seen.getStatus().getAttempts().getLastFailure().getReason()).isEqualTo("EvictionByEvictionAPI");
        assertThat(seen.getStatus().getPhase()).isIn(Phase.PENDING, Phase.SEARCHING);
        ScriptedTrainer.tell(namespace, "evicted", 2, "exit 75");
    }

    @Test
    void trainerStoppedAtOnceBacksOffAndFailsTheSearchOnceItsDisruptionsRunOut() {
        for (int attempt = 1; attempt <= 4; attempt++) {
            ScriptedTrainer.tell(namespace, "churn", attempt, "exit 75");
        }
        searches.applyScripted("churn", """
                  restartPolicy:
                    maxDisruptions: 2
                    backoffSeconds: 3
                    maxBackoffSeconds: 6
                """);

        NasSearch failed = searches.await("churn", WAIT, s -> s.getStatus().getPhase() == Phase.FAILED);
        assertThat(progressing(failed).getReason()).isEqualTo("DisruptionsExhausted");
        assertThat(failed.getStatus().getAttempts().getEvictions()).isEqualTo(3);
        assertThat(failed.getStatus().getAttempts().getRestarts()).isZero();
        assertThat(failed.getStatus().getAttempts().getCount()).isEqualTo(3);
        // Each resumption waited backoffSeconds doubled per disruption (3 s, then 6 s) after the trainer stopped;
        // the API server's timestamps are whole seconds, hence one second of slack.
        assertThat(secondsBetween(stoppedAt(searches.pods("churn-trainer-1-").get(0)), createdAt(searches.pods("churn-trainer-2-").get(0))))
                .isGreaterThanOrEqualTo(2);
        assertThat(secondsBetween(stoppedAt(searches.pods("churn-trainer-2-").get(0)), createdAt(searches.pods("churn-trainer-3-").get(0))))
                .isGreaterThanOrEqualTo(5);
        Awaitility.await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).until(() -> searches.job("churn", 4) == null);
    }

    @Test
    void mistypedTrainerImageFailsTheSearchQuicklyWithThatReasonAndNothingBilled() {
        searches.apply("typo", "  trainerImage: kubenas-test/no-such-trainer:1\n");
        NasSearch waiting = searches.await("typo", WAIT, s -> progressing(s) != null
                && List.of("ErrImagePull", "ImagePullBackOff").contains(progressing(s).getReason()));
        assertThat(waiting.getStatus().getPhase()).isEqualTo(Phase.PENDING);

        // The chart's trainer.startTimeout is 20 s in these tests (5 min by default).
        NasSearch failed = searches.await("typo", WAIT, s -> s.getStatus().getPhase() == Phase.FAILED);
        assertThat(progressing(failed).getReason()).isIn("ErrImagePull", "ImagePullBackOff");
        assertThat(progressing(failed).getMessage()).contains("kubenas-test/no-such-trainer:1").contains("spec.trainerImage");
        assertThat(failed.getStatus().getBudget().getDeviceSecondsUsed()).as("no container ran").isZero();
        assertThat(failed.getStatus().getAttempts().getRestarts()).isZero();
        Awaitility.await().atMost(WAIT).until(() -> searches.job("typo", 1) == null && searches.pods("typo-trainer-").isEmpty());
        Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> searches.get("typo").getStatus().getPhase() == Phase.FAILED);

        // Corrected, the search runs again: a new attempt, no restart used.
        searches.applyScripted("typo", "");
        NasSearch running = searches.await("typo", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        assertThat(running.getStatus().getAttempts().getCount()).isEqualTo(2);
        assertThat(running.getStatus().getAttempts().getRestarts()).isZero();
        assertThat(running.getStatus().getAttempts().getEvictions()).isZero();
        ScriptedTrainer.tell(namespace, "typo", 2, "exit 75");
    }

    private static Instant stoppedAt(Pod pod) {
        return Instant.parse(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getFinishedAt());
    }

    private static Instant createdAt(Pod pod) {
        return Instant.parse(pod.getMetadata().getCreationTimestamp());
    }

    private static long secondsBetween(Instant from, Instant to) {
        return Duration.between(from, to).getSeconds();
    }

    @Test
    void trainerRejectingItsInputFailsTheSearchWithoutRestart() {
        searches.applyScripted("rejected", "");
        ScriptedTrainer.tell(namespace, "rejected", 1, "exit 64 spec.dataset: no such folder");

        NasSearch failed = searches.await("rejected", WAIT, s -> s.getStatus().getPhase() == Phase.FAILED);
        assertThat(progressing(failed).getReason()).isEqualTo("TrainerRejectedInput");
        assertThat(progressing(failed).getMessage()).contains("no such folder");
        assertThat(failed.getStatus().getAttempts().getRestarts()).isZero();
    }

    @Test
    void budgetLoweredBelowWhatIsUsedStopsTheTrainerAndARaisedOneResumesIt() {
        searches.applyScripted("edited", "");
        searches.await("edited", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        ScriptedTrainer.tell(namespace, "edited", 1, "stop-takes 3");
        Awaitility.await().atMost(WAIT).until(() -> searches.get("edited").getStatus().getBudget().getDeviceSecondsUsed() >= 4);

        // 3.6 device-seconds, fewer than already used: the Job's deadline makes the Job controller stop the trainer.
        searches.applyScripted("edited", "  budget:\n    deviceHours: 0.001\n");
        NasSearch stopping = searches.await("edited", WAIT, s -> s.getStatus().getObservedGeneration() == 2);
        assertThat(progressing(stopping).getReason()).isIn("StoppingForBudget", "BudgetExhausted");
        NasSearch exhausted = searches.await("edited", WAIT, s -> s.getStatus().getPhase() == Phase.BUDGET_EXHAUSTED);
        assertThat(exhausted.getStatus().getBudget().getUsed()).isEqualTo("100%");
        assertThat(exhausted.getStatus().getServing()).as("no child to serve").isNull();
        assertThat(exhausted.getStatus().getAttempts().getRestarts()).as("running out of budget is no failure").isZero();

        searches.applyScripted("edited", "  budget:\n    deviceHours: 1\n");
        Job resumed = searches.awaitJob("edited", 2, WAIT);
        double used = Double.parseDouble(env(resumed, PodContract.ENV_DEVICE_SECONDS_USED));
        assertThat(resumed.getSpec().getActiveDeadlineSeconds().doubleValue()).isCloseTo(3600 - used, within(2.0));
        assertThat(searches.get("edited").getStatus().getAttempts().getRestarts()).isZero();
        ScriptedTrainer.tell(namespace, "edited", 2, "exit 75");
    }

    @Test
    void resumedWhileTheOldTrainerStillStopsWaitsForIt() {
        searches.applyScripted("paused", "");
        searches.await("paused", WAIT, s -> s.getStatus().getPhase() == Phase.SEARCHING);
        // The old trainer's final checkpoint lasts until the test has seen the search wait for it.
        ScriptedTrainer.tell(namespace, "paused", 1, "stop-holds");

        Instant started = Instant.parse(searches.pods("paused-trainer-1-").get(0).getStatus().getContainerStatuses().get(0)
                .getState().getRunning().getStartedAt());
        searches.applyScripted("paused", "  suspend: true\n");
        searches.await("paused", WAIT, s -> s.getStatus().getPhase() == Phase.SUSPENDED);
        searches.applyScripted("paused", "  suspend: false\n");
        NasSearch waiting = searches.await("paused", WAIT,
                s -> "WaitingForPreviousAttempt".equals(progressing(s).getReason()));
        assertThat(waiting.getStatus().getPhase()).isEqualTo(Phase.PENDING);
        assertThat(searches.job("paused", 2)).as("never two trainers of one search at once").isNull();
        Instant released = Instant.now();
        ScriptedTrainer.tell(namespace, "paused", 1, "release-stop");

        Job resumed = searches.awaitJob("paused", 2, WAIT);
        assertThat(searches.pods("paused-trainer-1-")).as("the old pod had stopped (and was deleted with its Job)")
                .allSatisfy(p -> assertThat(p.getStatus().getContainerStatuses().get(0).getState().getTerminated()).isNotNull());
        assertThat(env(resumed, PodContract.ENV_ATTEMPT)).isEqualTo("2");
        NasSearch after = searches.await("paused", WAIT, s -> s.getStatus().getAttempts().getCount() == 2);
        // It ran until its held final checkpoint was released.
        assertThat(after.getStatus().getBudget().getDeviceSecondsUsed()).as("the stopped pod's whole run is counted")
                .isGreaterThanOrEqualTo(Duration.between(started, released).toMillis() / 1000.0 - 1.5);
        assertThat(after.getStatus().getAttempts().getEvictions()).isZero();
        assertThat(after.getStatus().getAttempts().getRestarts()).isZero();
        assertThat(events()).contains("Suspended", "Resumed");
        ScriptedTrainer.tell(namespace, "paused", 2, "exit 75");
    }

    private String env(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElse(null);
    }

    private Condition progressing(NasSearch search) {
        return search.getStatus().getConditions().stream().filter(c -> "Progressing".equals(c.getType())).findFirst().orElseThrow();
    }

    private List<String> events() {
        return cluster.client().v1().events().inNamespace(namespace).list().getItems().stream().map(Event::getReason).toList();
    }
}
