package io.kubenas.operator.events;

/** The fixed set of Kubernetes Event reasons the operator emits, one per kind of transition. */
public enum EventReason {
    TRAINER_STARTED("TrainerStarted", false),
    QUEUED("Queued", false),
    PRUNING("Pruning", false),
    SEARCHING("Searching", false),
    RESTART_SCHEDULED("RestartScheduled", true),
    EVICTED("Evicted", true),
    CHECKPOINT_SAVED("CheckpointSaved", false),
    CHILD_EXPORTED("ChildExported", false),
    PROMOTING("Promoting", false),
    SERVING("Serving", false),
    SUCCEEDED("Succeeded", false),
    BUDGET_EXHAUSTED("BudgetExhausted", true),
    SUSPENDED("Suspended", false),
    RESUMED("Resumed", false),
    FAILED("Failed", true);

    private final String reason;
    private final boolean warning;

    EventReason(String reason, boolean warning) {
        this.reason = reason;
        this.warning = warning;
    }

    public String reason() {
        return reason;
    }

    /** The Event type: Warning or Normal. */
    public String type() {
        return warning ? "Warning" : "Normal";
    }
}
