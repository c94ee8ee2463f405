package io.kubenas.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.kubenas.operator.policy.AttemptState.End;
import io.kubenas.operator.policy.AttemptState.Stage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptClassifierTest {
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T10:30:00Z");

    private static Job job() {
        return new JobBuilder().withNewMetadata().withName("s-trainer-1").withUid("job-uid").endMetadata()
                .withNewStatus().withStartTime(START.toString()).endStatus().build();
    }

    private static Job failedJob(String reason) {
        Job job = job();
        job.getStatus().getConditions().add(new JobConditionBuilder().withType("Failed").withStatus("True").withReason(reason)
                .withLastTransitionTime(END.toString()).build());
        return job;
    }

    private static Pod pod(String phase) {
        return new PodBuilder().withNewMetadata().withName("s-trainer-1-abcde").withCreationTimestamp(START.toString()).endMetadata()
                .withNewStatus().withPhase(phase).withStartTime(START.toString())
                .withContainerStatuses(new ContainerStatusBuilder().withName("trainer")
                        .withNewState().withNewRunning().withStartedAt(START.toString()).endRunning().endState().build())
                .endStatus().build();
    }

    private static Pod terminated(int exitCode, String reason, String message) {
        Pod pod = pod(exitCode == 0 ? "Succeeded" : "Failed");
        pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("trainer")
                .withNewState().withNewTerminated().withExitCode(exitCode).withReason(reason).withMessage(message)
                .withStartedAt(START.toString()).withFinishedAt(END.toString()).endTerminated().endState().build()));
        return pod;
    }

    @Test
    void noJobIsNotCreated() {
        assertThat(AttemptClassifier.classify(null, null).stage()).isEqualTo(Stage.NOT_CREATED);
    }

    @Test
    void jobWithoutPodOrWithPendingPodIsStarting() {
        assertThat(AttemptClassifier.classify(job(), null).stage()).isEqualTo(Stage.STARTING);
        assertThat(AttemptClassifier.classify(job(), pod("Pending")).stage()).isEqualTo(Stage.STARTING);
    }

    @Test
    void runningPodIsRunningSinceThePodStarted() {
        AttemptState state = AttemptClassifier.classify(job(), pod("Running"));
        assertThat(state.stage()).isEqualTo(Stage.RUNNING);
        assertThat(state.startedAt()).isEqualTo(START);
        assertThat(state.elapsedSeconds(START.plusSeconds(90))).isEqualTo(90.0);
    }

    @Test
    void exitZeroFinished() {
        AttemptState state = AttemptClassifier.classify(job(), terminated(0, "Completed", "{\"outcome\":\"TARGET_REACHED\"}"));
        assertThat(state.end()).isEqualTo(End.FINISHED);
        assertThat(state.elapsedSeconds(END.plusSeconds(999))).isEqualTo(1800.0);
    }

    @Test
    void exitSeventyFiveIsAResumableStop() {
        assertThat(AttemptClassifier.classify(job(), terminated(75, "Error", null)).end()).isEqualTo(End.STOPPED);
    }

    @Test
    void exitSixtyFourIsRejectedInput() {
        AttemptState state = AttemptClassifier.classify(job(), terminated(64, "Error", "spec.dataset: cannot read"));
        assertThat(state.end()).isEqualTo(End.INVALID_INPUT);
        assertThat(state.reason()).isEqualTo("InvalidInput");
        assertThat(state.message()).isEqualTo("spec.dataset: cannot read");
    }

    @Test
    void exitSixtyNineIsGpusNotVisibleWithTheTrainersAccountBilledForTheSecondsItRan() {
        String saw = "spec.resources.gpus asks for 2 GPUs but PyTorch sees 0: libtorch /tmp/djl-cache/pytorch/2.7.1-20250812-cpu-linux-x86_64 (CPU build)";
        AttemptState state = AttemptClassifier.classify(job(), terminated(69, "Error", saw));
        assertThat(state.end()).isEqualTo(End.GPU_NOT_VISIBLE);
        assertThat(state.reason()).isEqualTo("GPUNotVisible");
        assertThat(state.exitCode()).isEqualTo(69);
        assertThat(state.message()).isEqualTo(saw);
        assertThat(state.elapsedSeconds(END.plusSeconds(999))).isEqualTo(1800.0);
    }

    @Test
    void otherExitCodesFailWithTheContainerReason() {
        AttemptState crash = AttemptClassifier.classify(job(), terminated(1, "Error", null));
        assertThat(crash.end()).isEqualTo(End.FAILED);
        assertThat(crash.exitCode()).isEqualTo(1);
        AttemptState oom = AttemptClassifier.classify(job(), terminated(137, "OOMKilled", null));
        assertThat(oom.end()).isEqualTo(End.FAILED);
        assertThat(oom.reason()).isEqualTo("OOMKilled");
    }

    @Test
    void disruptionTargetMeansEvictedOrPreemptedWhateverTheExitCode() {
        Pod pod = terminated(137, "Error", null);
        pod.getStatus().getConditions().add(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                .withReason("PreemptionByScheduler").build());
        AttemptState state = AttemptClassifier.classify(job(), pod);
        assertThat(state.end()).isEqualTo(End.DISRUPTED);
        assertThat(state.reason()).isEqualTo("PreemptionByScheduler");
    }

    @Test
    void kubeletEvictionWithoutContainerStateIsADisruption() {
        Pod pod = pod("Failed");
        pod.getStatus().setReason("Evicted");
        pod.getStatus().setMessage("The node was low on resource: memory.");
        pod.getStatus().setContainerStatuses(List.of());
        AttemptState state = AttemptClassifier.classify(job(), pod);
        assertThat(state.end()).isEqualTo(End.DISRUPTED);
        assertThat(state.message()).contains("low on resource");
    }

    @Test
    void podThatFailedBeforeItsContainerRanIsAFailure() {
        Pod pod = pod("Failed");
        pod.getStatus().setReason("UnexpectedAdmissionError");
        pod.getStatus().setContainerStatuses(List.of());
        assertThat(AttemptClassifier.classify(job(), pod).end()).isEqualTo(End.FAILED);
    }

    @Test
    void deadlineExceededIsTheBudgetDeadline() {
        AttemptState state = AttemptClassifier.classify(failedJob("DeadlineExceeded"), terminated(75, "Error", null));
        assertThat(state.end()).isEqualTo(End.DEADLINE_EXCEEDED);
        AttemptState podGone = AttemptClassifier.classify(failedJob("DeadlineExceeded"), null);
        assertThat(podGone.end()).isEqualTo(End.DEADLINE_EXCEEDED);
        assertThat(podGone.elapsedSeconds(Instant.MAX)).isEqualTo(1800.0);
    }

    @Test
    void trainerThatFinishedAtTheDeadlineStillFinished() {
        assertThat(AttemptClassifier.classify(failedJob("DeadlineExceeded"), terminated(0, "Completed", null)).end()).isEqualTo(End.FINISHED);
    }

    @Test
    void failedJobWhosePodVanishedWasDisrupted() {
        assertThat(AttemptClassifier.classify(failedJob("BackoffLimitExceeded"), null).end()).isEqualTo(End.DISRUPTED);
    }

    @Test
    void completeJobWhosePodWasCollectedFinished() {
        Job job = job();
        job.getStatus().getConditions().add(new JobConditionBuilder().withType("Complete").withStatus("True").build());
        assertThat(AttemptClassifier.classify(job, null).end()).isEqualTo(End.FINISHED);
    }

    @Test
    void jobBeingDeletedEndsTheAttemptAsDisrupted() {
        Job job = job();
        job.getMetadata().setDeletionTimestamp(END.toString());
        assertThat(AttemptClassifier.classify(job, pod("Running")).end()).isEqualTo(End.DISRUPTED);
    }

    @Test
    void podsAreAliveUntilTheyReachATerminalPhase() {
        assertThat(AttemptClassifier.alive(pod("Running"))).isTrue();
        assertThat(AttemptClassifier.alive(pod("Pending"))).isTrue();
        assertThat(AttemptClassifier.alive(terminated(1, "Error", null))).isFalse();
    }

    @Test
    void newestPodWins() {
        Pod older = pod("Failed");
        Pod newer = pod("Running");
        newer.getMetadata().setCreationTimestamp(END.toString());
        assertThat(AttemptClassifier.newest(List.of(newer, older))).isSameAs(newer);
        assertThat(AttemptClassifier.newest(List.of())).isNull();
    }

    @Test
    void podThatCannotBeScheduledSaysWhy() {
        Pod pod = pod("Pending");
        pod.getStatus().setContainerStatuses(List.of());
        pod.getStatus().getConditions().add(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.").build());
        AttemptState state = AttemptClassifier.classify(job(), pod);
        assertThat(state.stage()).isEqualTo(Stage.STARTING);
        assertThat(state.reason()).isEqualTo("Unschedulable");
        assertThat(state.message()).contains("Insufficient nvidia.com/gpu");
    }

    @Test
    void imagePullTroubleIsTheWaitingReason() {
        Pod pod = pod("Pending");
        pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("trainer")
                .withNewState().withNewWaiting().withReason("ImagePullBackOff").withMessage("back-off pulling image").endWaiting().endState().build()));
        assertThat(AttemptClassifier.classify(job(), pod).reason()).isEqualTo("ImagePullBackOff");
    }

    @Test
    void podRunTimeIsFromItsStartToTheTrainersEnd() {
        assertThat(AttemptClassifier.runSeconds(terminated(75, "Error", null), Instant.MAX)).isEqualTo(1800.0);
        assertThat(AttemptClassifier.runSeconds(pod("Running"), START.plusSeconds(42))).isEqualTo(42.0);
        assertThat(AttemptClassifier.runSeconds(null, START)).isZero();
    }

    // Kueue: the Job is created suspended; Kueue admits it (suspend false) and may take its quota back (suspend true).

    private static Job suspended(Job job) {
        job.setSpec(new io.fabric8.kubernetes.api.model.batch.v1.JobSpec());
        job.getSpec().setSuspend(true);
        return job;
    }

    private static final KueueWorkload WAITING = new KueueWorkload("job-s-trainer-1-abcde", "Pending",
            "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in flavor gpu-a100, 1 more needed", null, null);
    private static final KueueWorkload PREEMPTED = new KueueWorkload("job-s-trainer-1-abcde", "Pending", "insufficient quota",
            "Preempted", "Preempted to accommodate a workload due to prioritization in the ClusterQueue");

    @Test
    void suspendedJobThatNeverRanATrainerIsQueuedWithKueuesReason() {
        AttemptState state = AttemptClassifier.classify(suspended(job()), null, null, WAITING, false);
        assertThat(state.stage()).isEqualTo(Stage.QUEUED);
        assertThat(state.active()).isTrue();
        assertThat(state.reason()).isEqualTo("Pending");
        assertThat(state.message()).startsWith("Pending: couldn't assign flavors").contains("nvidia.com/gpu");
        assertThat(state.elapsedSeconds(END)).isZero();
    }

    @Test
    void suspendedJobWithoutAWorkloadYetIsQueuedWithoutReason() {
        AttemptState state = AttemptClassifier.classify(suspended(job()), null, null, null, false);
        assertThat(state.stage()).isEqualTo(Stage.QUEUED);
        assertThat(state.message()).isNull();
    }

    @Test
    void podKueueStoppedBeforeItsTrainerStartedLeavesTheJobQueued() {
        Pod pending = pod("Pending");
        pending.getStatus().setContainerStatuses(List.of());
        AttemptState state = AttemptClassifier.classify(suspended(job()), pending, null, PREEMPTED, false);
        assertThat(state.stage()).isEqualTo(Stage.QUEUED);
    }

    @Test
    void trainerOfASuspendedJobStillRunsWhileItWritesItsFinalCheckpoint() {
        AttemptState state = AttemptClassifier.classify(suspended(job()), pod("Running"), null, PREEMPTED, true);
        assertThat(state.stage()).isEqualTo(Stage.RUNNING);
        assertThat(state.reason()).isEqualTo("Preempted");
        assertThat(state.message()).contains("Kueue suspended the trainer Job (Preempted: Preempted to accommodate");
        assertThat(state.elapsedSeconds(START.plusSeconds(30))).isEqualTo(30.0);
    }

    @Test
    void trainerStoppedByKueueEndsTheAttemptAsRequeuedBilledUntilItStopped() {
        AttemptState state = AttemptClassifier.classify(suspended(failedJob("BackoffLimitExceeded")), terminated(75, "Error", "{}"), null, PREEMPTED, true);
        assertThat(state.end()).isEqualTo(End.REQUEUED);
        assertThat(state.reason()).isEqualTo("Preempted");
        assertThat(state.exitCode()).isEqualTo(75);
        assertThat(state.elapsedSeconds(END.plusSeconds(999))).isEqualTo(1800.0);
    }

    @Test
    void trainerStoppedByKueueWithoutAWorkloadSeenIsRequeuedWithKubenasReason() {
        AttemptState state = AttemptClassifier.classify(suspended(job()), terminated(75, "Error", "{}"), null, null, true);
        assertThat(state.end()).isEqualTo(End.REQUEUED);
        assertThat(state.reason()).isEqualTo(EndReason.EVICTED_BY_QUEUE.reason());
    }

    @Test
    void trainerThatFinishedAsKueueSuspendedItsJobHasFinished() {
        AttemptState state = AttemptClassifier.classify(suspended(job()), terminated(0, "Completed", "{}"), null, PREEMPTED, true);
        assertThat(state.end()).isEqualTo(End.FINISHED);
    }

    @Test
    void failedSuspendedJobWithoutPodIsRequeuedNotQueuedForEver() {
        AttemptState state = AttemptClassifier.classify(suspended(failedJob("BackoffLimitExceeded")), null, null, PREEMPTED, false);
        assertThat(state.end()).isEqualTo(End.REQUEUED);
        assertThat(state.elapsedSeconds(END)).isZero();
    }

    @Test
    void suspendedJobWhoseTrainerReportedIsRequeuedEvenWhenItsPodIsAlreadyGone() {
        // The Job controller deletes a suspended Job's pods; the pod object goes once its trainer has stopped.
        AttemptState state = AttemptClassifier.classify(suspended(job()), null, null, PREEMPTED, true);
        assertThat(state.end()).isEqualTo(End.REQUEUED);
        assertThat(state.reason()).isEqualTo("Preempted");
    }
}
