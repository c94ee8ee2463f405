package io.kubenas.operator.policy;

import static io.kubenas.operator.policy.Inputs.T0;
import static io.kubenas.operator.policy.Inputs.ended;
import static io.kubenas.operator.policy.Inputs.queued;
import static io.kubenas.operator.policy.Inputs.running;
import static io.kubenas.operator.policy.Inputs.starting;
import static io.kubenas.operator.policy.Inputs.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.FailureRecord;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.policy.AttemptState.End;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LifecyclePolicyTest {

    @Nested
    class Starting {
        @Test
        void newSearchStartsAttemptOneWithTheWholeBudgetAsDeadline() {
            Decision d = new Inputs().decide();
            assertThat(d.phase()).isEqualTo(Phase.PENDING);
            assertThat(d.activity()).isEqualTo(Activity.STARTING_TRAINER);
            assertThat(d.trainer().attempt()).isEqualTo(1);
            assertThat(d.trainer().deadlineSeconds()).isEqualTo(3600L);
            assertThat(d.attempts().getCount()).isEqualTo(1);
        }

        @Test
        void gpusShortenTheDeadlineOfTheSameDeviceHours() {
            Decision d = new Inputs("  resources:\n    gpus: 4").decide();
            assertThat(d.trainer().devices()).isEqualTo(4);
            assertThat(d.trainer().deadlineSeconds()).isEqualTo(900L);
        }

        @Test
        void maxDurationCapsTheDeadline() {
            Decision d = new Inputs("  budget:\n    deviceHours: 10\n    maxDuration: 30m").decide();
            assertThat(d.trainer().deadlineSeconds()).isEqualTo(1800L);
        }

        @Test
        void suspendedFromTheStartCreatesNoTrainer() {
            Decision d = new Inputs("  suspend: true").decide();
            assertThat(d.phase()).isEqualTo(Phase.SUSPENDED);
            assertThat(d.trainer()).isNull();
        }

        @Test
        void missingJobOfTheCurrentAttemptIsCreatedAgainUnderTheSameNumber() {
            Decision d = new Inputs().phase(Phase.SEARCHING).attempts(2, 1, 0, null).used(700).decide();
            assertThat(d.trainer().attempt()).isEqualTo(2);
            assertThat(d.trainer().before().deviceSeconds()).isEqualTo(700);
            assertThat(d.trainer().deadlineSeconds()).isEqualTo(2900L);
        }
    }

    @Nested
    class Running {
        @Test
        void runningTrainerIsSearchingAndKeepsTheDeadlineItStartedWith() {
            Decision d = new Inputs().phase(Phase.PENDING).attempts(1, 0, 0, null).attempt(running(T0.minusSeconds(300)))
                    .run(600, 1).used(900).decide();
            assertThat(d.phase()).isEqualTo(Phase.SEARCHING);
            assertThat(d.activity()).isEqualTo(Activity.TRAINING);
            assertThat(d.trainer().deadlineSeconds()).isEqualTo(3000L);
            assertThat(d.requeueAfter()).isEqualTo(Duration.ofSeconds(60));
        }

        @Test
        void pruningStageShowsPhasePruning() {
            Inputs in = new Inputs().attempts(1, 0, 0, null).attempt(running(T0)).run(0, 1);
            in.stage = TrainerStage.PRUNING;
            assertThat(in.decide().phase()).isEqualTo(Phase.PRUNING);
        }

        @Test
        void podNotYetRunningIsPending() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(starting()).run(0, 1).decide();
            assertThat(d.phase()).isEqualTo(Phase.PENDING);
            assertThat(d.activity()).isEqualTo(Activity.WAITING_FOR_POD);
            assertThat(d.trainer()).isNotNull();
            assertThat(d.requeueAfter()).as("a waiting pod spends no budget: events, not a timer").isNull();
        }

        @Test
        void podWaitingToStartSaysWhy() {
            AttemptState unschedulable = new AttemptState(AttemptState.Stage.STARTING, null, null, "Unschedulable", "no GPU left", null, null, null, T0);
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(unschedulable).run(0, 1).decide();
            assertThat(d.message()).endsWith("(Unschedulable: no GPU left)");
        }

        @Test
        void podWaitingForItsImageNamesTheCauseAndLooksAgainWhenItsTimeIsUp() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(waiting("ImagePullBackOff", "Back-off pulling image", T0)).run(0, 1).decide();
            assertThat(d.phase()).isEqualTo(Phase.PENDING);
            assertThat(d.reason()).isEqualTo("ImagePullBackOff");
            assertThat(d.trainer()).isNotNull();
            assertThat(d.requeueAfter()).as("the start timeout (5m)").isEqualTo(Duration.ofMinutes(5));
        }

        @Test
        void imageThatCannotBePulledPastTheStartTimeoutFailsTheSearchWithThatReason() {
            Inputs in = new Inputs().attempts(1, 0, 0, null).attempt(waiting("ImagePullBackOff", "Back-off pulling image \"typo\"", T0)).run(0, 1);
            in.now = T0.plus(Duration.ofMinutes(5));
            Decision d = in.decide();
            assertThat(d.phase()).isEqualTo(Phase.FAILED);
            assertThat(d.activity()).isEqualTo(Activity.TRAINER_NOT_STARTED);
            assertThat(d.reason()).isEqualTo("ImagePullBackOff");
            assertThat(d.message()).contains("typo").contains("spec.trainerImage");
            assertThat(d.trainer()).as("its Job is deleted").isNull();
            assertThat(d.attempts().getRestarts()).isZero();
            assertThat(d.attempts().getLastFailure().getReason()).isEqualTo("ImagePullBackOff");
        }

        @Test
        void invalidImageNameFailsAtOnce() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(waiting("InvalidImageName", "bad reference", T0)).run(0, 1).decide();
            assertThat(d.phase()).isEqualTo(Phase.FAILED);
            assertThat(d.reason()).isEqualTo("InvalidImageName");
        }

        @Test
        void unschedulablePodGetsItsOwnLongerTimeout() {
            Inputs in = new Inputs().attempts(1, 0, 0, null).attempt(waiting("Unschedulable", "0/3 nodes", T0)).run(0, 1);
            in.now = T0.plus(Duration.ofMinutes(10));
            assertThat(in.decide().phase()).isEqualTo(Phase.PENDING);
            in.now = T0.plus(Duration.ofMinutes(30));
            assertThat(in.decide().reason()).isEqualTo("Unschedulable");
            assertThat(in.decide().phase()).isEqualTo(Phase.FAILED);
        }

        @Test
        void searchWhosePodDidNotStartStaysFailedUntilItsSpecIsEdited() {
            FailureRecord failure = new FailureRecord();
            failure.setReason("ErrImagePull");
            failure.setMessage("no such image");
            Inputs held = new Inputs().phase(Phase.FAILED).attempts(1, 0, 0, null)
                    .attempt(ended(End.DISRUPTED, null, "TrainerJobDeleted", null, T0));
            held.attempts.setLastFailure(failure);
            Decision first = held.decide();
            assertThat(first.phase()).isEqualTo(Phase.FAILED);
            assertThat(first.reason()).isEqualTo("ErrImagePull");
            assertThat(first.attempts().getEvictions()).as("deleting its Job is no eviction").isZero();
            held.now = T0.plusSeconds(600);
            assertThat(held.decide()).isEqualTo(first);

            Inputs edited = new Inputs().phase(Phase.FAILED).attempts(1, 0, 0, null);
            edited.attempts.setLastFailure(failure);
            edited.specEdited = true;
            Decision retry = edited.decide();
            assertThat(retry.trainer().attempt()).isEqualTo(2);
            assertThat(retry.attempts().getRestarts()).isZero();
        }

        @Test
        void loweredBudgetBelowWhatIsUsedLowersTheDeadlineSoKubernetesStopsTheTrainer() {
            Decision d = new Inputs("  budget:\n    deviceHours: 0.1").attempts(1, 0, 0, null).attempt(running(T0.minusSeconds(1000)))
                    .run(0, 1).used(1000).decide();
            assertThat(d.activity()).isEqualTo(Activity.STOPPING_FOR_BUDGET);
            assertThat(d.trainer().deadlineSeconds()).isEqualTo(360L).isLessThan(1000L);
        }

        @Test
        void raisedBudgetExtendsTheRunningTrainersDeadline() {
            Decision d = new Inputs("  budget:\n    deviceHours: 3").attempts(1, 0, 0, null).attempt(running(T0)).run(0, 1).decide();
            assertThat(d.trainer().deadlineSeconds()).isEqualTo(10800L);
        }

        @Test
        void suspendStopsTheRunningTrainer() {
            Decision d = new Inputs("  suspend: true").attempts(1, 0, 0, null).attempt(running(T0)).run(0, 1).decide();
            assertThat(d.phase()).isEqualTo(Phase.SUSPENDED);
            assertThat(d.trainer()).isNull();
            assertThat(d.message()).contains("stopping");
        }
    }

    @Nested
    class Restarts {
        @Test
        void aFailedSearchHoldsWhenItsFinishedPodIsGarbageCollectedAndItsAttemptNowLooksDisrupted() {
            Inputs in = new Inputs("  restartPolicy:\n    maxRestarts: 1").phase(Phase.FAILED).attempts(2, 1, 0, null)
                    .attempt(ended(End.DISRUPTED, null, "BackoffLimitExceeded", null, T0));
            Decision d = in.decide();
            assertThat(d.phase()).isEqualTo(Phase.FAILED);
            assertThat(d.trainer()).isNull();
            assertThat(d.attempts().getEvictions()).isZero();
            assertThat(d.attempts().getNextAttemptAt()).isNull();
        }

        @Test
        void aFailedSearchWhoseMaxRestartsIsRaisedRestarts() {
            Inputs in = new Inputs("  restartPolicy:\n    maxRestarts: 2").phase(Phase.FAILED).attempts(2, 1, 0, null)
                    .attempt(ended(End.FAILED, 137, "Error", null, T0));
            in.specEdited = true;
            Decision d = in.decide();
            assertThat(d.attempts().getRestarts()).isEqualTo(2);
            assertThat(d.attempts().getNextAttemptAt()).isNotNull();
        }

        @Test
        void failedAttemptIsRestartedAfterTheBackoff() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.FAILED, 1, "Error", null, T0)).decide();
            assertThat(d.phase()).isEqualTo(Phase.PENDING);
            assertThat(d.activity()).isEqualTo(Activity.BACKING_OFF);
            assertThat(d.trainer()).isNull();
            assertThat(d.attempts().getRestarts()).isEqualTo(1);
            assertThat(d.attempts().getNextAttemptAt()).isEqualTo(T0.plusSeconds(10).toString());
            assertThat(d.attempts().getLastFailure().getExitCode()).isEqualTo(1);
            assertThat(d.requeueAfter()).isEqualTo(Duration.ofSeconds(10));
        }

        @Test
        void eachFurtherRestartWaitsTwiceAsLong() {
            Decision d = new Inputs().attempts(3, 2, 0, null).attempt(ended(End.FAILED, 1, "Error", null, T0)).decide();
            assertThat(d.attempts().getRestarts()).isEqualTo(3);
            assertThat(d.attempts().getNextAttemptAt()).isEqualTo(T0.plusSeconds(40).toString());
        }

        @Test
        void plannedAttemptStartsOnceTheBackoffIsOverResumingWithTheUsageSoFar() {
            Inputs in = new Inputs().attempts(1, 1, 0, T0.minusSeconds(1)).attempt(ended(End.FAILED, 1, "Error", null, T0.minusSeconds(11)))
                    .used(600);
            Decision d = in.decide();
            assertThat(d.trainer().attempt()).isEqualTo(2);
            assertThat(d.attempts().getCount()).isEqualTo(2);
            assertThat(d.attempts().getNextAttemptAt()).isNull();
            assertThat(d.trainer().before().deviceSeconds()).isEqualTo(600);
            assertThat(d.trainer().deadlineSeconds()).isEqualTo(3000L);
        }

        @Test
        void nextAttemptWaitsUntilThePreviousTrainerPodHasStopped() {
            Inputs in = new Inputs().attempts(1, 1, 0, T0.minusSeconds(1));
            in.podsAlive = true;
            Decision d = in.decide();
            assertThat(d.activity()).isEqualTo(Activity.WAITING_FOR_PREVIOUS_ATTEMPT);
            assertThat(d.trainer()).isNull();
            assertThat(d.attempts().getCount()).isEqualTo(1);
        }

        @Test
        void failureBeyondMaxRestartsFailsTheSearch() {
            Decision d = new Inputs().attempts(4, 3, 0, null).attempt(ended(End.FAILED, 137, "OOMKilled", null, T0)).decide();
            assertThat(d.phase()).isEqualTo(Phase.FAILED);
            assertThat(d.activity()).isEqualTo(Activity.RESTARTS_EXHAUSTED);
            assertThat(d.message()).contains("OOMKilled");
            assertThat(d.trainer()).isNull();
        }

        @Test
        void failedSearchStaysFailedOnEveryReconcile() {
            Inputs in = new Inputs().phase(Phase.FAILED).attempts(4, 3, 0, null).attempt(ended(End.FAILED, 1, "Error", null, T0));
            Decision first = in.decide();
            in.now = T0.plusSeconds(300);
            assertThat(in.decide()).isEqualTo(first);
        }

        @Test
        void raisingMaxRestartsResumesAFailedSearch() {
            Inputs in = new Inputs("  restartPolicy:\n    maxRestarts: 5").phase(Phase.FAILED).attempts(4, 3, 0, null);
            FailureRecord failure = new FailureRecord();
            failure.setReason("Error");
            in.attempts.setLastFailure(failure);
            Decision d = in.decide();
            assertThat(d.trainer().attempt()).isEqualTo(5);
            assertThat(d.attempts().getRestarts()).isEqualTo(4);
        }

        @Test
        void evictionResumesAfterABackOffWithoutUsingARestart() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.DISRUPTED, 75, "EvictionByEvictionAPI", null, T0)).decide();
            assertThat(d.attempts().getRestarts()).isZero();
            assertThat(d.attempts().getEvictions()).isEqualTo(1);
            assertThat(d.attempts().getLastFailure().getReason()).isEqualTo("EvictionByEvictionAPI");
            assertThat(d.activity()).isEqualTo(Activity.BACKING_OFF);
            assertThat(d.attempts().getNextAttemptAt()).as("backoffSeconds (10) after the stop").isEqualTo(T0.plusSeconds(10).toString());

            Inputs later = new Inputs().attempts(1, 0, 1, T0.plusSeconds(10)).attempt(ended(End.DISRUPTED, 75, "EvictionByEvictionAPI", null, T0));
            later.now = T0.plusSeconds(10);
            assertThat(later.decide().trainer().attempt()).isEqualTo(2);
        }

        @Test
        void disruptionsBackOffExponentiallyUpToTheMaximum() {
            Decision third = new Inputs().attempts(3, 0, 2, null).attempt(ended(End.STOPPED, 75, "Stopped", null, T0)).decide();
            assertThat(third.attempts().getNextAttemptAt()).isEqualTo(T0.plusSeconds(40).toString());
            Decision many = new Inputs().attempts(20, 0, 19, null).attempt(ended(End.STOPPED, 75, "Stopped", null, T0)).decide();
            assertThat(many.attempts().getNextAttemptAt()).as("maxBackoffSeconds").isEqualTo(T0.plusSeconds(600).toString());
        }

        @Test
        void disruptionsBeyondMaxDisruptionsFailTheSearch() {
            Inputs in = new Inputs("  restartPolicy:\n    maxDisruptions: 2").attempts(3, 0, 2, null)
                    .attempt(ended(End.STOPPED, 75, "Stopped", null, T0));
            Decision d = in.decide();
            assertThat(d.phase()).isEqualTo(Phase.FAILED);
            assertThat(d.activity()).isEqualTo(Activity.DISRUPTIONS_EXHAUSTED);
            assertThat(d.message()).contains("3 times").contains("maxDisruptions");
            assertThat(d.trainer()).isNull();
            assertThat(d.attempts().getRestarts()).isZero();

            Inputs failed = new Inputs("  restartPolicy:\n    maxDisruptions: 2").phase(Phase.FAILED).attempts(3, 0, 3, null);
            failed.attempts.setLastFailure(d.attempts().getLastFailure());
            assertThat(failed.decide().activity()).as("stays failed on every reconcile").isEqualTo(Activity.DISRUPTIONS_EXHAUSTED);
        }

        @Test
        void evictionWithRestartsUsedUpStillResumes() {
            Decision d = new Inputs().attempts(4, 3, 0, null).attempt(ended(End.STOPPED, 75, "Stopped", null, T0)).decide();
            assertThat(d.attempts().getNextAttemptAt()).isNotNull();
            assertThat(d.phase()).isNotEqualTo(Phase.FAILED);
            assertThat(d.attempts().getRestarts()).isEqualTo(3);
        }

        @Test
        void rejectedInputFailsWithoutRestart() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.INVALID_INPUT, 64, "InvalidInput", null, T0)).decide();
            assertThat(d.phase()).isEqualTo(Phase.FAILED);
            assertThat(d.activity()).isEqualTo(Activity.INPUT_REJECTED);
            assertThat(d.attempts().getRestarts()).isZero();
        }

        @Test
        void rejectedInputStaysFailedEvenWithRestartsLeft() {
            Inputs in = new Inputs().phase(Phase.FAILED).attempts(1, 0, 0, null);
            FailureRecord failure = new FailureRecord();
            failure.setReason("InvalidInput");
            in.attempts.setLastFailure(failure);
            assertThat(in.decide().phase()).isEqualTo(Phase.FAILED);
        }
    }

    @Nested
    class GpusNotVisible {
        private static final String SAW = "spec.resources.gpus asks for 2 GPUs but PyTorch sees 0: libtorch /tmp/djl-cache/pytorch/"
                + "2.7.1-20250812-cpu-linux-x86_64 (CPU build). This libtorch is a CPU build and never sees a GPU.";

        private AttemptState exited69() {
            return new AttemptState(AttemptState.Stage.ENDED, End.GPU_NOT_VISIBLE, 69, "GPUNotVisible", SAW, null,
                    T0.minusSeconds(12), T0, null);
        }

        private FailureRecord recorded() {
            FailureRecord failure = new FailureRecord();
            failure.setReason("GPUNotVisible");
            failure.setExitCode(69);
            failure.setMessage(SAW);
            return failure;
        }

        @Test
        void trainerSeeingFewerGpusThanGivenFailsTheSearchWithItsAccountAndNoRestart() {
            Decision d = new Inputs("  resources:\n    gpus: 2").phase(Phase.PENDING).attempts(1, 0, 0, null).attempt(exited69()).decide();
            assertThat(d.phase()).isEqualTo(Phase.FAILED);
            assertThat(d.activity()).isEqualTo(Activity.GPU_NOT_VISIBLE);
            assertThat(d.reason()).isEqualTo("GPUNotVisible");
            assertThat(d.message()).contains("attempt 1").contains("(exit 69)").contains("PyTorch sees 0").contains("(CPU build)")
                    .contains("edit the spec");
            assertThat(d.trainer()).as("no trainer is started again").isNull();
            assertThat(d.attempts().getRestarts()).isZero();
            assertThat(d.attempts().getNextAttemptAt()).isNull();
            assertThat(d.attempts().getLastFailure().getReason()).isEqualTo("GPUNotVisible");
            assertThat(d.attempts().getLastFailure().getExitCode()).isEqualTo(69);
        }

        @Test
        void searchFailedForGpusNotVisibleStaysFailedWithRestartsLeftUntilItsSpecIsEdited() {
            Inputs held = new Inputs("  resources:\n    gpus: 2").phase(Phase.FAILED).attempts(1, 0, 0, null);
            held.attempts.setLastFailure(recorded());
            Decision first = held.decide();
            assertThat(first.phase()).isEqualTo(Phase.FAILED);
            assertThat(first.reason()).isEqualTo("GPUNotVisible");
            assertThat(first.trainer()).isNull();
            held.now = T0.plus(Duration.ofHours(1));
            assertThat(held.decide()).isEqualTo(first);

            Inputs edited = new Inputs("  resources:\n    gpus: 2").phase(Phase.FAILED).attempts(1, 0, 0, null);
            edited.attempts.setLastFailure(recorded());
            edited.specEdited = true;
            Decision retry = edited.decide();
            assertThat(retry.activity()).isEqualTo(Activity.STARTING_TRAINER);
            assertThat(retry.trainer().attempt()).isEqualTo(2);
            assertThat(retry.attempts().getRestarts()).as("a new attempt for a new spec, not a restart").isZero();
        }

        @Test
        void itsJobGoingAwayIsNoDisruptionToResumeFrom() {
            Inputs held = new Inputs("  resources:\n    gpus: 2").phase(Phase.FAILED).attempts(1, 0, 0, null)
                    .attempt(ended(End.DISRUPTED, null, "TrainerJobDeleted", null, T0));
            held.attempts.setLastFailure(recorded());
            Decision d = held.decide();
            assertThat(d.phase()).isEqualTo(Phase.FAILED);
            assertThat(d.reason()).isEqualTo("GPUNotVisible");
            assertThat(d.attempts().getEvictions()).isZero();
            assertThat(d.attempts().getNextAttemptAt()).isNull();
        }
    }

    @Nested
    class Budget {
        @Test
        void deadlineWithTheBudgetSpentEndsBudgetExhaustedServingTheBestChild() {
            Inputs in = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.DEADLINE_EXCEEDED, 75, "DeadlineExceeded", null, T0)).used(3590);
            in.child = true;
            Decision d = in.decide();
            assertThat(d.phase()).isEqualTo(Phase.BUDGET_EXHAUSTED);
            assertThat(d.serve()).isTrue();
            assertThat(d.trainer()).isNull();
        }

        @Test
        void aRaisedBudgetSearchesOnWhileTheChildFoundSoFarKeepsServing() {
            Inputs in = new Inputs().phase(Phase.SEARCHING).attempts(2, 0, 0, null).attempt(running(T0.minusSeconds(30))).run(3600, 1);
            in.child = true;
            in.servingReady = 1;
            Decision d = in.decide();
            assertThat(d.phase()).isEqualTo(Phase.SEARCHING);
            assertThat(d.trainer()).isNotNull();
            assertThat(d.serve()).isTrue();
            assertThat(d.servingReady()).isTrue();
        }

        @Test
        void budgetExhaustedWithoutAChildServesNothing() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.DEADLINE_EXCEEDED, 75, "DeadlineExceeded", null, T0)).used(3600).decide();
            assertThat(d.phase()).isEqualTo(Phase.BUDGET_EXHAUSTED);
            assertThat(d.serve()).isFalse();
        }

        @Test
        void trainerStoppingForItsBudgetEndsBudgetExhausted() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.FINISHED, 0, "Completed", TrainerOutcome.BUDGET_EXHAUSTED, T0))
                    .used(3600).decide();
            assertThat(d.phase()).isEqualTo(Phase.BUDGET_EXHAUSTED);
            assertThat(d.completed()).isNull();
        }

        @Test
        void deadlineWithBudgetLeftStartsAnotherAttemptWithoutUsingARestart() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.DEADLINE_EXCEEDED, 75, "DeadlineExceeded", null, T0)).used(1200).decide();
            assertThat(d.trainer().attempt()).isEqualTo(2);
            assertThat(d.attempts().getRestarts()).isZero();
            assertThat(d.attempts().getEvictions()).isZero();
        }

        @Test
        void raisedBudgetResumesAnExhaustedSearch() {
            Decision d = new Inputs("  budget:\n    deviceHours: 2").phase(Phase.BUDGET_EXHAUSTED).attempts(1, 0, 0, null).used(3600).decide();
            assertThat(d.trainer().attempt()).isEqualTo(2);
            assertThat(d.trainer().deadlineSeconds()).isEqualTo(3600L);
        }

        @Test
        void lessThanTheShortestUsefulAttemptLeftCountsAsExhausted() {
            Decision d = new Inputs().phase(Phase.BUDGET_EXHAUSTED).attempts(1, 0, 0, null).used(3570).decide();
            assertThat(d.phase()).isEqualTo(Phase.BUDGET_EXHAUSTED);
        }

        @Test
        void failureWithTheBudgetSpentIsBudgetExhaustedNotARestart() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.FAILED, 1, "Error", null, T0)).used(3600).decide();
            assertThat(d.phase()).isEqualTo(Phase.BUDGET_EXHAUSTED);
            assertThat(d.attempts().getRestarts()).isZero();
        }
    }

    @Nested
    class Suspend {
        @Test
        void stopAfterSuspendIsNotAnEviction() {
            Decision d = new Inputs("  suspend: true").phase(Phase.SUSPENDED).attempts(1, 0, 0, null)
                    .attempt(ended(End.STOPPED, 75, "Stopped", TrainerOutcome.STOPPED, T0)).decide();
            assertThat(d.phase()).isEqualTo(Phase.SUSPENDED);
            assertThat(d.attempts().getEvictions()).isZero();
            assertThat(d.message()).contains("stopped");
        }

        @Test
        void resumingStartsTheNextAttemptFromTheLatestCheckpoint() {
            Decision d = new Inputs().phase(Phase.SUSPENDED).attempts(1, 0, 0, null).used(500).decide();
            assertThat(d.trainer().attempt()).isEqualTo(2);
            assertThat(d.trainer().before().deviceSeconds()).isEqualTo(500);
            assertThat(d.attempts().getEvictions()).isZero();
        }

        @Test
        void resumingBeforeTheStoppedJobIsGoneStillCountsNoEviction() {
            Decision d = new Inputs().phase(Phase.SUSPENDED).attempts(1, 0, 0, null)
                    .attempt(ended(End.DISRUPTED, null, "TrainerJobDeleted", null, T0)).decide();
            assertThat(d.trainer().attempt()).isEqualTo(2);
            assertThat(d.attempts().getEvictions()).isZero();
        }
    }

    @Nested
    class Completion {
        @Test
        void targetReachedPromotesTheChildToServing() {
            Inputs in = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.FINISHED, 0, "Completed", TrainerOutcome.TARGET_REACHED, T0));
            in.child = true;
            Decision d = in.decide();
            assertThat(d.phase()).isEqualTo(Phase.PROMOTING);
            assertThat(d.completed()).isEqualTo(TrainerOutcome.TARGET_REACHED);
            assertThat(d.serve()).isTrue();
            assertThat(d.trainer()).isNull();
        }

        @Test
        void readyServingDeploymentMeansServing() {
            Inputs in = new Inputs();
            in.completed = TrainerOutcome.EPOCHS_COMPLETED;
            in.servingReady = 1;
            in.child = true;
            Decision d = in.decide();
            assertThat(d.phase()).isEqualTo(Phase.SERVING);
            assertThat(d.servingReady()).isTrue();
        }

        @Test
        void aChildNotPublishedForServingIsNotServed() {
            Inputs in = new Inputs();
            in.completed = TrainerOutcome.EPOCHS_COMPLETED;
            Decision d = in.decide();
            assertThat(d.phase()).isEqualTo(Phase.PROMOTING);
            assertThat(d.serve()).isFalse();
            assertThat(d.message()).contains("not published");
        }

        @Test
        void servingDisabledEndsSucceeded() {
            Inputs in = new Inputs("  serving:\n    enabled: false");
            in.completed = TrainerOutcome.EPOCHS_COMPLETED;
            Decision d = in.decide();
            assertThat(d.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(d.serve()).isFalse();
        }

        @Test
        void finishedWithoutAnOutcomeCountsAsEpochsCompleted() {
            Decision d = new Inputs().attempts(1, 0, 0, null).attempt(ended(End.FINISHED, 0, "Completed", null, T0)).decide();
            assertThat(d.completed()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        }

        @Test
        void completeSearchNeverStartsAnotherTrainerEvenWithTheBudgetSpent() {
            Inputs in = new Inputs().phase(Phase.SERVING).attempts(1, 0, 0, null).used(99999);
            in.completed = TrainerOutcome.TARGET_REACHED;
            assertThat(in.decide().trainer()).isNull();
            assertThat(in.decide().phase()).isEqualTo(Phase.PROMOTING);
        }
    }

    @Nested
    class Kueue {
        private static final String QUEUED_SPEC = "  resources:\n    gpus: 1\n    queueName: nas-research";

        @Test
        void queuedJobIsPendingWithKueuesReasonAndIsKeptWithoutATimeOut() {
            Decision d = new Inputs(QUEUED_SPEC).attempts(1, 0, 0, null).run(0, 1)
                    .attempt(queued("Pending", "Pending: insufficient unused quota for nvidia.com/gpu in flavor gpu-a100, 1 more needed")).decide();
            assertThat(d.phase()).isEqualTo(Phase.PENDING);
            assertThat(d.activity()).isEqualTo(Activity.QUEUED);
            assertThat(d.message()).contains("queued in Kueue (LocalQueue nas-research)").contains("insufficient unused quota for nvidia.com/gpu");
            assertThat(d.trainer()).isNotNull();
            assertThat(d.trainer().attempt()).isEqualTo(1);
            assertThat(d.requeueAfter()).isNull();
        }

        @Test
        void queuedJobWithoutKueuesWordSaysHowToGetIt() {
            Decision d = new Inputs(QUEUED_SPEC).attempts(1, 0, 0, null).run(0, 1).attempt(queued(null, null)).decide();
            assertThat(d.message()).contains("watchKueueWorkloads");
        }

        @Test
        void budgetSpentWhileQueuedEndsTheWait() {
            Decision d = new Inputs(QUEUED_SPEC).phase(Phase.PENDING).attempts(2, 0, 0, null).run(3600, 1).used(3600)
                    .attempt(queued("Pending", "Pending: no quota")).decide();
            assertThat(d.phase()).isEqualTo(Phase.BUDGET_EXHAUSTED);
            assertThat(d.trainer()).isNull();
        }

        @Test
        void trainerKueueEvictedIsStoppingWithKueuesWords() {
            AttemptState stopping = new AttemptState(AttemptState.Stage.RUNNING, null, null, "Preempted",
                    "Kueue suspended the trainer Job (Preempted: Preempted to accommodate a workload)", null, T0.minusSeconds(60), null, null);
            Decision d = new Inputs(QUEUED_SPEC).phase(Phase.SEARCHING).attempts(1, 0, 0, null).run(0, 1).attempt(stopping).decide();
            assertThat(d.phase()).isEqualTo(Phase.SEARCHING);
            assertThat(d.activity()).isEqualTo(Activity.STOPPING_FOR_QUEUE);
            assertThat(d.message()).contains("Preempted to accommodate").contains("final checkpoint");
        }

        @Test
        void requeuedAttemptQueuesTheNextAtOnceWithoutUsingARestartOrADisruption() {
            Decision d = new Inputs(QUEUED_SPEC).phase(Phase.SEARCHING).attempts(1, 0, 0, null).run(0, 1).used(600)
                    .attempt(ended(End.REQUEUED, 75, "Preempted", null, T0.minusSeconds(5))).decide();
            assertThat(d.attempts().getCount()).isEqualTo(2);
            assertThat(d.attempts().getRestarts()).isZero();
            assertThat(d.attempts().getEvictions()).isZero();
            assertThat(d.attempts().getLastFailure().getReason()).isEqualTo("Preempted");
            assertThat(d.trainer().attempt()).isEqualTo(2);
            assertThat(d.activity()).isEqualTo(Activity.STARTING_TRAINER);
        }

        @Test
        void requeuedAttemptWaitsWhileItsJobCouldStillBeAdmitted() {
            Inputs in = new Inputs(QUEUED_SPEC).phase(Phase.SEARCHING).attempts(1, 0, 0, null).run(0, 1).used(600)
                    .attempt(ended(End.REQUEUED, 75, "Preempted", null, T0.minusSeconds(5)));
            in.podsAlive = true;
            Decision d = in.decide();
            assertThat(d.activity()).isEqualTo(Activity.WAITING_FOR_PREVIOUS_ATTEMPT);
            assertThat(d.trainer()).isNull();
            assertThat(d.attempts().getNextAttemptAt()).isEqualTo(T0.toString());
        }

        @Test
        void manyPreemptionsNeverFailTheSearch() {
            Decision d = new Inputs(QUEUED_SPEC + "\n  restartPolicy:\n    maxDisruptions: 0").phase(Phase.SEARCHING)
                    .attempts(7, 0, 0, null).run(0, 1).used(600)
                    .attempt(ended(End.REQUEUED, 75, "Preempted", null, T0.minusSeconds(5))).decide();
            assertThat(d.phase()).isEqualTo(Phase.PENDING);
            assertThat(d.trainer().attempt()).isEqualTo(8);
        }
    }
}
