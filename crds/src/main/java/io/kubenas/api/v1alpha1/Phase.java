package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Lifecycle phase of a NasSearch. */
public enum Phase {
    /**
     * Accepted; the trainer is not running yet (being created, queued, or waiting for a restart
     * back-off).
     */
    @JsonProperty("Pending")
    PENDING,
    /** TE-NAS is ranking and pruning candidates. */
    @JsonProperty("Pruning")
    PRUNING,
    /** The trainer is searching (or training the child). */
    @JsonProperty("Searching")
    SEARCHING,
    /** The child network exists; its serving Deployment is being rolled out. */
    @JsonProperty("Promoting")
    PROMOTING,
    /** The child network answers inference requests. */
    @JsonProperty("Serving")
    SERVING,
    /** The search finished and the child was exported; serving is disabled. */
    @JsonProperty("Succeeded")
    SUCCEEDED,
    /** The search failed and will not be retried; see conditions and attempts.lastFailure. */
    @JsonProperty("Failed")
    FAILED,
    /** The compute budget is spent; the best child so far is kept (and served when enabled). */
    @JsonProperty("BudgetExhausted")
    BUDGET_EXHAUSTED,
    /** Stopped after a final checkpoint because spec.suspend is true. */
    @JsonProperty("Suspended")
    SUSPENDED;

    /** True for phases in which no trainer runs and none will be started without a spec change. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == BUDGET_EXHAUSTED;
    }
}
