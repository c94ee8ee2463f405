package io.kubenas.operator.policy;

import io.kubenas.api.progress.TrainerOutcome;

/**
 * What the search is doing and why, as decided by {@link LifecyclePolicy}; becomes the
 * {@code Progressing} condition (its status and reason) and the one log line per change.
 */
public enum Activity {
    STARTING_TRAINER("StartingTrainer", true),
    /** The trainer Job waits for Kueue to admit it; the message carries Kueue's reason. */
    QUEUED("Queued", true),
    /** Kueue took the running trainer's quota back; it writes a final checkpoint, then the search queues again. */
    STOPPING_FOR_QUEUE("StoppingForQueue", true),
    WAITING_FOR_POD("WaitingForTrainerPod", true),
    TRAINING("TrainerRunning", true),
    STOPPING_FOR_BUDGET("StoppingForBudget", true),
    BACKING_OFF("BackingOff", true),
    WAITING_FOR_PREVIOUS_ATTEMPT("WaitingForPreviousAttempt", true),
    SUSPENDED("Suspended", false),
    TARGET_REACHED("TargetReached", false),
    EPOCHS_COMPLETED("EpochsCompleted", false),
    BUDGET_EXHAUSTED("BudgetExhausted", false),
    RESTARTS_EXHAUSTED("RestartsExhausted", false),
    DISRUPTIONS_EXHAUSTED("DisruptionsExhausted", false),
    INPUT_REJECTED("TrainerRejectedInput", false),
    /** The trainer saw fewer GPUs than its pod was given and stopped before training (exit 69). */
    GPU_NOT_VISIBLE("GPUNotVisible", false),
    /** The trainer pod did not start; the condition's reason is Kubernetes' ({@link StartBlocker}). */
    TRAINER_NOT_STARTED("TrainerNotStarted", false);

    private final String reason;
    private final boolean progressing;

    Activity(String reason, boolean progressing) {
        this.reason = reason;
        this.progressing = progressing;
    }

    /** The condition reason (CamelCase, as Kubernetes conventions ask). */
    public String reason() {
        return reason;
    }

    /** True while a trainer runs or is about to. */
    public boolean progressing() {
        return progressing;
    }

    /** What a completed search reports: the trainer's outcome TARGET_REACHED or EPOCHS_COMPLETED. */
    public static Activity completedBy(TrainerOutcome outcome) {
        return outcome == TrainerOutcome.TARGET_REACHED ? TARGET_REACHED : EPOCHS_COMPLETED;
    }

    /**
     * The outcome a Complete=True condition's reason records (written from {@link #completedBy}): status is the
     * search's only memory across operator restarts.
     */
    public static TrainerOutcome completionRecordedAs(String completeReason) {
        return TARGET_REACHED.reason.equals(completeReason) ? TrainerOutcome.TARGET_REACHED : TrainerOutcome.EPOCHS_COMPLETED;
    }
}
