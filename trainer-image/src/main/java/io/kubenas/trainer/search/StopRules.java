package io.kubenas.trainer.search;

import io.kubenas.api.budget.Usage;
import io.kubenas.api.progress.TrainerOutcome;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * When a search ends before its epochs are done: SIGTERM, the budget or wall-clock limit, the target accuracy
 * and the step cap of quick runs; with the target and the budget as edited while the search runs ({@link SpecEdits}).
 */
final class StopRules {
    private static final Logger LOG = Logger.getLogger(StopRules.class);

    private final SearchPlan plan;
    private final RunEnvironment env;
    private SpecEdits limits;
    private DeviceBudget budget;
    private long stepsThisRun;

    /** @param before the budget already spent, over every attempt; this attempt's clock starts now */
    StopRules(SearchPlan plan, RunEnvironment env, Usage before) {
        this.plan = plan;
        this.env = env;
        this.limits = SpecEdits.of(plan);
        this.budget = new DeviceBudget(env.clock(), plan.budget(), before);
    }

    DeviceBudget budget() {
        return budget;
    }

    /** The target accuracy in effect (spec edits included), or null when there is none. */
    Double targetAccuracy() {
        return limits.targetAccuracy();
    }

    void stepDone() {
        stepsThisRun++;
    }

    /** Checked before every step: why the search must end now, if it must. */
    Optional<TrainerOutcome> beforeStep() {
        if (env.stop().isRequested()) {
            return Optional.of(TrainerOutcome.STOPPED);
        }
        if (budget.exhausted()) {
            return Optional.of(TrainerOutcome.BUDGET_EXHAUSTED);
        }
        if (atStepCap()) {
            return Optional.of(TrainerOutcome.EPOCHS_COMPLETED);
        }
        return Optional.empty();
    }

    /** Checked at the end of every epoch, after {@link #applySpecEdits}. */
    boolean targetReached(double validationAccuracy) {
        return limits.targetAccuracy() != null && validationAccuracy >= limits.targetAccuracy();
    }

    /** Takes up edits of the target and the budget made while the search runs; the next checks use them. */
    void applySpecEdits() {
        env.specEdits().read().filter(edited -> !edited.equals(limits)).ifPresent(edited -> {
            LOG.infof("spec edited while running: target %s -> %s, budget %.0f -> %.0f device-seconds, max duration %.0f -> %.0f s",
                    limits.targetAccuracy(), edited.targetAccuracy(), limits.budget().limitDeviceSeconds(), edited.budget().limitDeviceSeconds(),
                    limits.budget().maxWallSeconds(), edited.budget().maxWallSeconds());
            limits = edited;
            budget = budget.withBudget(edited.budget());
        });
    }

    /** Why a search that exported its child ended, for its final message. */
    String why(TrainerOutcome outcome) {
        return switch (outcome) {
            case TARGET_REACHED -> "target accuracy " + limits.targetAccuracy() + " reached";
            case BUDGET_EXHAUSTED -> "budget spent (" + budget.usedPercent() + "); the child so far was exported";
            default -> atStepCap() ? "stopped at --max-steps " + plan.maxSteps() : "all " + plan.totalEpochs() + " epochs done";
        };
    }

    private boolean atStepCap() {
        return plan.maxSteps() > 0 && stepsThisRun >= plan.maxSteps();
    }
}
