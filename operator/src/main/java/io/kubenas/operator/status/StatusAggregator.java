package io.kubenas.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.kubenas.api.budget.ComputeBudget;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.v1alpha1.BudgetStatus;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.api.v1alpha1.ProgressStatus;
import io.kubenas.api.v1alpha1.ServingStatus;
import io.kubenas.operator.policy.Activity;
import io.kubenas.api.budget.Usage;
import io.kubenas.operator.policy.Decision;
import io.kubenas.operator.policy.SpecDrift;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the whole status in one place (Keycloak's aggregator): phase, the conditions with
 * observedGeneration and lastTransitionTime, the trainer's reports copied in, the budget, attempts and
 * serving. A condition keeps its lastTransitionTime while its status stays the same, and nothing here
 * depends on the clock otherwise, so an unchanged world gives an equal status and nothing is written.
 */
public final class StatusAggregator {
    private StatusAggregator() {
    }

    /**
     * What one reconcile knows when it builds the status.
     *
     * @param search the search as read (its generation, spec and the status as stored)
     * @param decision what the lifecycle policy decided
     * @param report the trainer's latest report (may be null)
     * @param used device- and wall seconds spent
     * @param serving the serving objects and readiness, or null when not served
     * @param now the time of this reconcile (used only for conditions that change status)
     */
    public record Input(NasSearch search, Decision decision, TrainerProgress report, Usage used, ServingStatus serving, SpecDrift drift,
            Instant now) {
    }

    public static NasSearchStatus aggregate(Input in) {
        NasSearchStatus old = in.search().getStatus() == null ? new NasSearchStatus() : in.search().getStatus();
        long generation = generation(in.search());
        Decision decision = in.decision();
        Usage used = in.used();
        ServingStatus serving = in.serving();
        Instant now = in.now();
        ComputeBudget limit = ComputeBudget.of(in.search().getSpec());
        NasSearchStatus status = new NasSearchStatus();
        status.setPhase(decision.phase());
        status.setObservedGeneration(generation);

        status.setProgress(old.getProgress());
        status.setArchitecture(old.getArchitecture());
        status.setCheckpoints(old.getCheckpoints());
        status.setChild(old.getChild());
        status.setTenas(old.getTenas());
        copyReport(in.report(), status);

        BudgetStatus budget = new BudgetStatus();
        budget.setDeviceSecondsUsed(Math.floor(used.deviceSeconds()));
        budget.setDeviceSecondsLimit(limit.limitDeviceSeconds());
        budget.setWallSeconds(Math.floor(used.wallSeconds()));
        budget.setUsed(limit.usedPercent(used.deviceSeconds()));
        status.setBudget(budget);
        status.setAttempts(decision.attempts());
        status.setServing(serving);

        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(old, ConditionType.PROGRESSING, decision.activity().progressing(), decision.reason(),
                decision.message(), generation, now));
        TrainerOutcome completed = decision.completed();
        conditions.add(completed != null
                ? condition(old, ConditionType.COMPLETE, true, Activity.completedBy(completed).reason(),
                        "the search is complete and its child was exported", generation, now)
                : condition(old, ConditionType.COMPLETE, false, decision.reason(), "the search has not completed", generation, now));
        conditions.add(ready(old, decision, serving, in.search().getSpec().getServing().getEnabled(), generation, now));
        conditions.add(condition(old, ConditionType.RECONCILED, true, ConditionReason.RECONCILE_SUCCEEDED, "the last reconcile succeeded", generation, now));
        conditions.add(specApplied(old, in.drift() == null ? SpecDrift.NONE : in.drift(), decision, generation, now));
        status.setConditions(conditions);
        return status;
    }

    /** SpecApplied: every spec edit is in effect, or which are not and why. */
    private static Condition specApplied(NasSearchStatus old, SpecDrift drift, Decision decision, long generation, Instant now) {
        if (drift.volumeCannotShrink() != null) {
            return condition(old, ConditionType.SPEC_APPLIED, false, ConditionReason.VOLUME_CANNOT_SHRINK, drift.volumeCannotShrink(), generation, now);
        }
        if (!drift.nextAttempt().isEmpty()) {
            return condition(old, ConditionType.SPEC_APPLIED, false, ConditionReason.APPLIES_AT_NEXT_ATTEMPT,
                    String.join(", ", drift.nextAttempt()) + " changed while attempt " + decision.attempts().getCount()
                            + " runs: a Job's pod cannot change, so the edit applies from the next attempt; to apply it now, set spec.suspend"
                            + " to true and back to false (the trainer resumes from its final checkpoint)",
                    generation, now);
        }
        return condition(old, ConditionType.SPEC_APPLIED, true, ConditionReason.SPEC_APPLIED, "every spec edit is in effect", generation, now);
    }

    /** metadata.generation of the spec being reconciled. */
    public static long generation(NasSearch search) {
        return search.getMetadata().getGeneration() == null ? 0 : search.getMetadata().getGeneration();
    }

    /** The previous status with a Reconciled=False condition holding {@code error}: errors go into status. */
    public static NasSearchStatus withError(NasSearchStatus previous, long generation, String error, Instant now) {
        NasSearchStatus status = previous == null ? new NasSearchStatus() : previous;
        List<Condition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        Condition failed = condition(status, ConditionType.RECONCILED, false, ConditionReason.RECONCILE_ERROR, error, generation, now);
        conditions.removeIf(c -> ConditionType.RECONCILED.type().equals(c.getType()));
        conditions.add(failed);
        status.setConditions(conditions);
        return status;
    }

    /** The condition of type {@code type} in {@code status}, or null. */
    public static Condition find(NasSearchStatus status, ConditionType type) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        return status.getConditions().stream().filter(c -> type.type().equals(c.getType())).findFirst().orElse(null);
    }

    private static Condition ready(NasSearchStatus old, Decision decision, ServingStatus serving, boolean enabled, long generation, Instant now) {
        if (decision.serve() && serving != null) {
            return decision.servingReady()
                    ? condition(old, ConditionType.READY, true, ConditionReason.SERVING_READY, "the child is served at " + serving.getUrl(), generation, now)
                    : condition(old, ConditionType.READY, false, ConditionReason.ROLLING_OUT, "the serving Deployment is rolling out", generation, now);
        }
        if (!enabled) {
            return condition(old, ConditionType.READY, false, ConditionReason.SERVING_DISABLED, "spec.serving.enabled is false", generation, now);
        }
        return condition(old, ConditionType.READY, false, ConditionReason.NO_CHILD, "there is no child network to serve yet", generation, now);
    }

    private static void copyReport(TrainerProgress report, NasSearchStatus status) {
        if (report == null) {
            return;
        }
        if (report.getProgress() != null) {
            ProgressStatus progress = report.getProgress();
            if (progress.getStage() == null && report.getStage() != null) {
                progress = copyWithStage(progress, report.getStage().display());
            }
            status.setProgress(progress);
        }
        if (report.getArchitecture() != null) {
            status.setArchitecture(report.getArchitecture());
        }
        if (report.getCheckpoints() != null) {
            status.setCheckpoints(report.getCheckpoints());
        }
        if (report.getChild() != null) {
            status.setChild(report.getChild());
        }
        if (report.getTenas() != null) {
            status.setTenas(report.getTenas());
        }
    }

    private static ProgressStatus copyWithStage(ProgressStatus p, String stage) {
        ProgressStatus copy = new ProgressStatus();
        copy.setStage(stage);
        copy.setEpoch(p.getEpoch());
        copy.setTotalEpochs(p.getTotalEpochs());
        copy.setStep(p.getStep());
        copy.setLoss(p.getLoss());
        copy.setValidationAccuracy(p.getValidationAccuracy());
        copy.setBestAccuracy(p.getBestAccuracy());
        copy.setImagesPerSecond(p.getImagesPerSecond());
        copy.setUpdatedAt(p.getUpdatedAt());
        return copy;
    }

    private static Condition condition(NasSearchStatus old, ConditionType type, boolean status, ConditionReason reason, String message,
            long generation, Instant now) {
        return condition(old, type, status, reason.reason(), message, generation, now);
    }

    private static Condition condition(NasSearchStatus old, ConditionType type, boolean status, String reason, String message,
            long generation, Instant now) {
        String value = status ? "True" : "False";
        Condition previous = find(old, type);
        String since = previous != null && Objects.equals(previous.getStatus(), value) && previous.getLastTransitionTime() != null
                ? previous.getLastTransitionTime()
                : now.truncatedTo(ChronoUnit.SECONDS).toString();
        return new ConditionBuilder()
                .withType(type.type())
                .withStatus(value)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(since)
                .build();
    }
}
