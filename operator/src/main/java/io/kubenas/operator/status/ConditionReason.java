package io.kubenas.operator.status;

/**
 * The reasons of the Ready and Reconciled conditions. Progressing's reasons, and Complete's, are the search's
 * {@link io.kubenas.operator.policy.Activity}.
 */
public enum ConditionReason {
    /** Ready: every serving replica is ready. */
    SERVING_READY("ServingReady"),
    /** Ready=False: the serving Deployment is rolling out. */
    ROLLING_OUT("RollingOut"),
    /** Ready=False: spec.serving.enabled is false. */
    SERVING_DISABLED("ServingDisabled"),
    /** Ready=False: no child network was exported yet. */
    NO_CHILD("NoChild"),
    /** Reconciled: the last reconcile went through. */
    RECONCILE_SUCCEEDED("ReconcileSucceeded"),
    /** Reconciled=False: the last reconcile failed; the message holds the error. */
    RECONCILE_ERROR("ReconcileError");

    private final String reason;

    ConditionReason(String reason) {
        this.reason = reason;
    }

    /** The reason as written to status (CamelCase, as Kubernetes conventions ask). */
    public String reason() {
        return reason;
    }
}
