package io.kubenas.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.AttemptsStatus;
import io.kubenas.api.v1alpha1.ServingSpec;
import io.kubenas.api.v1alpha1.BudgetSpec;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.api.v1alpha1.ProgressStatus;
import io.kubenas.api.v1alpha1.ServingStatus;
import io.kubenas.operator.policy.Activity;
import io.kubenas.api.budget.Usage;
import io.kubenas.operator.policy.Decision;
import io.kubenas.operator.policy.SpecDrift;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant T1 = T0.plusSeconds(90);

    private static Decision decision(Phase phase, Activity activity) {
        AttemptsStatus attempts = new AttemptsStatus();
        attempts.setCount(1);
        return new Decision(phase, activity, activity.reason(), attempts, null, false, false, null, null);
    }

    private static NasSearchStatus aggregate(NasSearchStatus previous, Decision decision, long generation, Instant now) {
        return StatusAggregator.aggregate(new StatusAggregator.Input(search(generation, previous), decision, null, new Usage(900, 900), null, SpecDrift.NONE, now));
    }

    /** A search with a budget of one device-hour (3600 device-seconds), serving enabled, and {@code status}. */
    private static NasSearch search(long generation, NasSearchStatus status) {
        NasSearch search = new NasSearch();
        search.getMetadata().setGeneration(generation);
        NasSearchSpec spec = new NasSearchSpec();
        BudgetSpec budget = new BudgetSpec();
        budget.setDeviceHours(1.0);
        spec.setBudget(budget);
        ServingSpec serving = new ServingSpec();
        serving.setEnabled(true);
        spec.setServing(serving);
        search.setSpec(spec);
        search.setStatus(status);
        return search;
    }

    @Test
    void everyConditionCarriesTheGenerationItDescribes() {
        NasSearchStatus status = aggregate(null, decision(Phase.SEARCHING, Activity.TRAINING), 7, T0);
        assertThat(status.getObservedGeneration()).isEqualTo(7);
        assertThat(status.getConditions()).extracting(Condition::getType)
                .containsExactly("Progressing", "Complete", "Ready", "Reconciled", "SpecApplied");
        assertThat(status.getConditions()).allSatisfy(c -> {
            assertThat(c.getObservedGeneration()).isEqualTo(7);
            assertThat(c.getLastTransitionTime()).isEqualTo(T0.toString());
        });
        assertThat(StatusAggregator.find(status, ConditionType.PROGRESSING).getStatus()).isEqualTo("True");
        assertThat(StatusAggregator.find(status, ConditionType.PROGRESSING).getReason()).isEqualTo("TrainerRunning");
    }

    @Test
    void unchangedWorldGivesAnEqualStatusSoNothingIsWritten() {
        NasSearchStatus first = aggregate(null, decision(Phase.SEARCHING, Activity.TRAINING), 1, T0);
        NasSearchStatus again = aggregate(first, decision(Phase.SEARCHING, Activity.TRAINING), 1, T1);
        assertThat(again).isEqualTo(first);
    }

    @Test
    void transitionTimeChangesOnlyWhenTheConditionFlips() {
        NasSearchStatus running = aggregate(null, decision(Phase.SEARCHING, Activity.TRAINING), 1, T0);
        NasSearchStatus stopping = aggregate(running, decision(Phase.SEARCHING, Activity.STOPPING_FOR_BUDGET), 2, T1);
        assertThat(StatusAggregator.find(stopping, ConditionType.PROGRESSING).getLastTransitionTime()).isEqualTo(T0.toString());
        assertThat(StatusAggregator.find(stopping, ConditionType.PROGRESSING).getReason()).isEqualTo("StoppingForBudget");
        NasSearchStatus suspended = aggregate(stopping, decision(Phase.SUSPENDED, Activity.SUSPENDED), 3, T1);
        assertThat(StatusAggregator.find(suspended, ConditionType.PROGRESSING).getLastTransitionTime()).isEqualTo(T1.toString());
        assertThat(StatusAggregator.find(suspended, ConditionType.PROGRESSING).getStatus()).isEqualTo("False");
    }

    @Test
    void trainerReportIsCopiedWithItsStageName() {
        ProgressStatus progress = new ProgressStatus();
        progress.setEpoch(3);
        progress.setBestAccuracy(0.81);
        ChildStatus child = new ChildStatus();
        child.setPath("child");
        TrainerProgress report = TrainerProgress.builder().stage(TrainerStage.CHILD_TRAINING).progress(progress).child(child).build();
        NasSearchStatus status = StatusAggregator.aggregate(new StatusAggregator.Input(search(1, null), decision(Phase.SEARCHING, Activity.TRAINING), report, Usage.NONE, null, SpecDrift.NONE, T0));
        assertThat(status.getProgress().getStage()).isEqualTo("ChildTraining");
        assertThat(status.getProgress().getEpoch()).isEqualTo(3);
        assertThat(status.getChild().getPath()).isEqualTo("child");
    }

    @Test
    void reportWithoutProgressKeepsWhatStatusHad() {
        NasSearchStatus first = StatusAggregator.aggregate(new StatusAggregator.Input(search(1, null), decision(Phase.SEARCHING, Activity.TRAINING),
                TrainerProgress.builder().progress(ProgressStatus.builder().epoch(2).build()).build(), Usage.NONE, null, SpecDrift.NONE, T0));
        NasSearchStatus next = StatusAggregator.aggregate(new StatusAggregator.Input(search(1, first), decision(Phase.SEARCHING, Activity.TRAINING),
                new TrainerProgress(), Usage.NONE, null, SpecDrift.NONE, T0));
        assertThat(next.getProgress().getEpoch()).isEqualTo(2);
    }

    @Test
    void budgetShowsUsedLimitAndShare() {
        NasSearchStatus status = aggregate(null, decision(Phase.SEARCHING, Activity.TRAINING), 1, T0);
        assertThat(status.getBudget().getDeviceSecondsUsed()).isEqualTo(900.0);
        assertThat(status.getBudget().getDeviceSecondsLimit()).isEqualTo(3600.0);
        assertThat(status.getBudget().getUsed()).isEqualTo("25%");
    }

    @Test
    void completeAndReadyFollowTheDecision() {
        AttemptsStatus attempts = new AttemptsStatus();
        Decision serving = new Decision(Phase.SERVING, Activity.TARGET_REACHED, "served", attempts, null, true, true,
                TrainerOutcome.TARGET_REACHED, null);
        ServingStatus endpoint = new ServingStatus();
        endpoint.setUrl("http://x");
        NasSearchStatus status = StatusAggregator.aggregate(new StatusAggregator.Input(search(1, null), serving, null, Usage.NONE, endpoint, SpecDrift.NONE, T0));
        assertThat(StatusAggregator.find(status, ConditionType.COMPLETE).getReason()).isEqualTo("TargetReached");
        assertThat(StatusAggregator.find(status, ConditionType.READY).getStatus()).isEqualTo("True");
        assertThat(StatusAggregator.find(status, ConditionType.READY).getMessage()).contains("http://x");
    }

    @Test
    void errorGoesIntoTheReconciledCondition() {
        NasSearchStatus ok = aggregate(null, decision(Phase.SEARCHING, Activity.TRAINING), 1, T0);
        NasSearchStatus failed = StatusAggregator.withError(ok, 1, "boom", T1);
        Condition reconciled = StatusAggregator.find(failed, ConditionType.RECONCILED);
        assertThat(reconciled.getStatus()).isEqualTo("False");
        assertThat(reconciled.getMessage()).isEqualTo("boom");
        assertThat(failed.getConditions()).hasSize(5);
    }

    @Test
    void specAppliedSaysWhichEditsWaitForTheNextAttemptAndThatAVolumeCannotShrink() {
        Decision running = decision(Phase.SEARCHING, Activity.TRAINING);
        NasSearchStatus applied = StatusAggregator.aggregate(new StatusAggregator.Input(search(1, null), running, null, Usage.NONE, null, SpecDrift.NONE, T0));
        assertThat(StatusAggregator.find(applied, ConditionType.SPEC_APPLIED).getStatus()).isEqualTo("True");

        NasSearchStatus pending = StatusAggregator.aggregate(new StatusAggregator.Input(search(2, applied), running, null, Usage.NONE, null,
                new SpecDrift(java.util.List.of("spec.trainerImage", "spec.resources"), null), T1));
        Condition next = StatusAggregator.find(pending, ConditionType.SPEC_APPLIED);
        assertThat(next.getStatus()).isEqualTo("False");
        assertThat(next.getReason()).isEqualTo("AppliesAtNextAttempt");
        assertThat(next.getMessage()).contains("spec.trainerImage, spec.resources", "next attempt", "spec.suspend");

        NasSearchStatus shrink = StatusAggregator.aggregate(new StatusAggregator.Input(search(3, pending), running, null, Usage.NONE, null,
                new SpecDrift(java.util.List.of("spec.resources"), "spec.checkpoint.storage.size 1Gi is smaller"), T1));
        assertThat(StatusAggregator.find(shrink, ConditionType.SPEC_APPLIED).getReason()).isEqualTo("VolumeCannotShrink");
    }
}
