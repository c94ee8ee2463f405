package io.kubenas.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubenas.api.progress.ProgressContract;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.status.ConditionType;
import io.kubenas.operator.status.StatusAggregator;
import io.kubenas.operator.support.CrdSetup;
import io.kubenas.operator.support.FakeCluster;
import io.kubenas.operator.support.Reports;
import io.kubenas.operator.support.Searches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A running trainer against the test API server: progress, restarts, evictions, budget edits, suspend. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
class TrainerRunTest {
    @Inject
    KubernetesClient client;

    private static String env(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> name.equals(e.getName())).map(EnvVar::getValue).findFirst().orElse(null);
    }

    @Test
    void pushedProgressShowsUpInStatus() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("pushed", "progress", null));
        Job job = cluster.awaitJob("progress", "pushed", 1);
        cluster.startPod(job, Instant.now().minusSeconds(30));
        // startPod creates the pod, then writes its status: a reconcile in between is Pending, and may already
        // see the progress below if it is pushed before the running pod reaches the operator's cache.
        cluster.awaitStatus("progress", "pushed", s -> s.getStatus().getPhase() == Phase.SEARCHING);
        cluster.pushProgress("progress", "pushed", Reports.searching(1, 2, 0.71));

        NasSearch seen = cluster.awaitStatus("progress", "pushed", s -> s.getStatus().getProgress() != null);
        assertThat(seen.getStatus().getPhase()).isEqualTo(Phase.SEARCHING);
        assertThat(seen.getStatus().getProgress().getEpoch()).isEqualTo(2);
        assertThat(seen.getStatus().getProgress().getStage()).isEqualTo("Searching");
        assertThat(seen.getStatus().getProgress().getBestAccuracy()).isEqualTo(0.71);
        assertThat(seen.getStatus().getArchitecture().getLayers()).singleElement().satisfies(l -> assertThat(l.getOp()).isEqualTo("shuffle3x3"));
        assertThat(seen.getStatus().getCheckpoints().getLatest().getName()).isEqualTo("epoch-2");
        assertThat(seen.getStatus().getCheckpoints().getHistory()).hasSize(1);
        assertThat(seen.getStatus().getBudget().getDeviceSecondsUsed()).isGreaterThanOrEqualTo(30.0);
        assertThat(seen.getStatus().getBudget().getDeviceSecondsLimit()).isEqualTo(3600.0);
        assertThat(seen.getStatus().getAttempts().getCount()).isEqualTo(1);
        assertThat(client.v1().events().inNamespace("progress").list().getItems()).extracting(e -> e.getReason())
                .contains("TrainerStarted", "Searching", "CheckpointSaved");
    }

    @Test
    void failedTrainerResumesInANewAttemptAfterBackoffUntilRestartsRunOut() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("crashy", "restarts", """
                  restartPolicy:
                    maxRestarts: 1
                    backoffSeconds: 1
                    maxBackoffSeconds: 1
                """));
        Job first = cluster.awaitJob("restarts", "crashy", 1);
        Instant now = Instant.now();
        Pod pod = cluster.startPod(first, now.minusSeconds(120));
        cluster.finishPod(pod, 1, "Error", "java.lang.IllegalStateException: boom", now);

        NasSearch backingOff = cluster.awaitStatus("restarts", "crashy", s -> s.getStatus().getAttempts().getRestarts() == 1);
        assertThat(backingOff.getStatus().getAttempts().getLastFailure().getExitCode()).isEqualTo(1);
        assertThat(backingOff.getStatus().getAttempts().getLastFailure().getReason()).isEqualTo("Error");

        Job second = cluster.awaitJob("restarts", "crashy", 2);
        assertThat(env(second, ProgressContract.ENV_ATTEMPT)).isEqualTo("2");
        assertThat(Double.parseDouble(env(second, ProgressContract.ENV_DEVICE_SECONDS_USED))).isBetween(119.0, 121.0);
        assertThat(second.getSpec().getActiveDeadlineSeconds()).isBetween(3479L, 3481L);

        Pod again = cluster.startPod(second, Instant.now().minusSeconds(5));
        cluster.finishPod(again, 137, "OOMKilled", null, Instant.now());
        NasSearch failed = cluster.awaitStatus("restarts", "crashy", s -> s.getStatus().getPhase() == Phase.FAILED);
        assertThat(StatusAggregator.find(failed.getStatus(), ConditionType.PROGRESSING).getReason()).isEqualTo("RestartsExhausted");
        assertThat(failed.getStatus().getAttempts().getLastFailure().getReason()).isEqualTo("OOMKilled");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> cluster.job("restarts", "crashy", 3) == null);
        assertThat(client.v1().events().inNamespace("restarts").list().getItems()).extracting(e -> e.getReason())
                .contains("RestartScheduled", "Failed");
    }

    @Test
    void evictedTrainerResumesWithoutUsingARestart() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("evicted", "evictions", "  restartPolicy:\n    maxRestarts: 0"));
        Job first = cluster.awaitJob("evictions", "evicted", 1);
        Pod pod = cluster.startPod(first, Instant.now().minusSeconds(60));
        cluster.evictPod(pod, Instant.now());

        Job second = cluster.awaitJob("evictions", "evicted", 2);
        assertThat(env(second, ProgressContract.ENV_ATTEMPT)).isEqualTo("2");
        NasSearch seen = cluster.awaitStatus("evictions", "evicted", s -> s.getStatus().getAttempts().getCount() == 2);
        assertThat(seen.getStatus().getAttempts().getRestarts()).isZero();
        assertThat(seen.getStatus().getAttempts().getEvictions()).isEqualTo(1);
        assertThat(seen.getStatus().getAttempts().getLastFailure().getReason()).isEqualTo("EvictionByEvictionAPI");
        assertThat(seen.getStatus().getPhase()).isEqualTo(Phase.PENDING);
    }

    @Test
    void trainerRejectingItsInputFailsTheSearchWithoutRestart() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("rejected", "rejects", null));
        Pod pod = cluster.startPod(cluster.awaitJob("rejects", "rejected", 1), Instant.now().minusSeconds(3));
        cluster.finishPod(pod, 64, "Error", "spec.dataset: no such folder", Instant.now());

        NasSearch failed = cluster.awaitStatus("rejects", "rejected", s -> s.getStatus().getPhase() == Phase.FAILED);
        assertThat(StatusAggregator.find(failed.getStatus(), ConditionType.PROGRESSING).getReason()).isEqualTo("TrainerRejectedInput");
        assertThat(StatusAggregator.find(failed.getStatus(), ConditionType.PROGRESSING).getMessage()).contains("no such folder");
        assertThat(failed.getStatus().getAttempts().getRestarts()).isZero();
    }

    @Test
    void budgetLoweredBelowWhatIsUsedStopsTheTrainerAndARaisedOneResumesIt() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("edited", "budget", null));
        Job job = cluster.awaitJob("budget", "edited", 1);
        Pod pod = cluster.startPod(job, Instant.now().minusSeconds(1200));
        cluster.awaitStatus("budget", "edited", s -> s.getStatus().getPhase() == Phase.SEARCHING);

        cluster.editSpec("budget", "edited", spec -> spec.getBudget().setDeviceHours(0.1));
        // The Job's deadline drops below the time it ran: Kubernetes stops the trainer with its grace period.
        await().atMost(FakeCluster.WAIT).until(() -> cluster.job("budget", "edited", 1).getSpec().getActiveDeadlineSeconds() == 360L);
        NasSearch stopping = cluster.awaitStatus("budget", "edited", s -> s.getStatus().getObservedGeneration() == 2);
        assertThat(StatusAggregator.find(stopping.getStatus(), ConditionType.PROGRESSING).getReason()).isEqualTo("StoppingForBudget");
        assertThat(StatusAggregator.find(stopping.getStatus(), ConditionType.PROGRESSING).getObservedGeneration()).isEqualTo(2L);

        Instant stopped = Instant.now();
        cluster.finishPod(pod, 75, "Error", null, stopped);
        cluster.failJob(job, "DeadlineExceeded", stopped);
        NasSearch exhausted = cluster.awaitStatus("budget", "edited", s -> s.getStatus().getPhase() == Phase.BUDGET_EXHAUSTED);
        assertThat(exhausted.getStatus().getBudget().getUsed()).isEqualTo("100%");
        assertThat(exhausted.getStatus().getServing()).as("no child to serve").isNull();
        assertThat(client.apps().deployments().inNamespace("budget").withName("edited-serving").get()).isNull();

        cluster.editSpec("budget", "edited", spec -> spec.getBudget().setDeviceHours(1.0));
        Job resumed = cluster.awaitJob("budget", "edited", 2);
        assertThat(resumed.getSpec().getActiveDeadlineSeconds()).isBetween(2395L, 2401L);
        assertThat(exhausted.getStatus().getAttempts().getRestarts()).isZero();
    }

    @Test
    void suspendStopsTheTrainerAndResumeContinuesOnceItHasStopped() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("paused", "suspend", null));
        Job job = cluster.awaitJob("suspend", "paused", 1);
        Pod pod = cluster.startPod(job, Instant.now().minusSeconds(100));
        cluster.awaitStatus("suspend", "paused", s -> s.getStatus().getPhase() == Phase.SEARCHING);

        cluster.editSpec("suspend", "paused", spec -> spec.setSuspend(true));
        await().atMost(FakeCluster.WAIT).until(() -> cluster.job("suspend", "paused", 1) == null);
        NasSearch suspended = cluster.awaitStatus("suspend", "paused", s -> s.getStatus().getPhase() == Phase.SUSPENDED);
        assertThat(StatusAggregator.find(suspended.getStatus(), ConditionType.PROGRESSING).getStatus()).isEqualTo("False");

        // Resumed while the old pod still writes its final checkpoint: the next attempt waits for it.
        cluster.editSpec("suspend", "paused", spec -> spec.setSuspend(false));
        NasSearch waiting = cluster.awaitStatus("suspend", "paused",
                s -> "WaitingForPreviousAttempt".equals(StatusAggregator.find(s.getStatus(), ConditionType.PROGRESSING).getReason()));
        assertThat(waiting.getStatus().getPhase()).isEqualTo(Phase.PENDING);
        assertThat(cluster.job("suspend", "paused", 2)).isNull();

        cluster.pushProgress("suspend", "paused", Reports.searching(1, 1, 0.5).withOutcome(TrainerOutcome.STOPPED));
        cluster.finishPod(pod, 75, "Error", null, Instant.now());
        Job resumed = cluster.awaitJob("suspend", "paused", 2);
        assertThat(env(resumed, ProgressContract.ENV_ATTEMPT)).isEqualTo("2");
        NasSearch after = cluster.awaitStatus("suspend", "paused", s -> s.getStatus().getAttempts().getCount() == 2);
        assertThat(after.getStatus().getBudget().getDeviceSecondsUsed()).as("the stopped pod's whole run is counted").isGreaterThanOrEqualTo(100.0);
        assertThat(Double.parseDouble(env(resumed, ProgressContract.ENV_DEVICE_SECONDS_USED))).isGreaterThanOrEqualTo(100.0);
        assertThat(after.getStatus().getAttempts().getEvictions()).isZero();
        assertThat(after.getStatus().getAttempts().getRestarts()).isZero();
        assertThat(client.v1().events().inNamespace("suspend").list().getItems()).extracting(e -> e.getReason())
                .contains("Suspended", "Resumed");
    }
}
