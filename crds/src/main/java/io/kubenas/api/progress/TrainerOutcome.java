package io.kubenas.api.progress;

/** Why a trainer run ended (or {@link #RUNNING} while it has not). */
public enum TrainerOutcome {
    RUNNING,
    /** The child reached spec.target.accuracy on validation data. */
    TARGET_REACHED,
    /** All epochs (search and child phase) are done. */
    EPOCHS_COMPLETED,
    /** spec.budget is spent; the best child so far was exported. */
    BUDGET_EXHAUSTED,
    /** Stopped on request (SIGTERM: preemption, suspend, deletion) after a final checkpoint; resumable. */
    STOPPED,
    /** The run failed; see the message. */
    FAILED;

    /** True when the search is over and a child was exported. */
    public boolean isFinished() {
        return this == TARGET_REACHED || this == EPOCHS_COMPLETED || this == BUDGET_EXHAUSTED;
    }
}
