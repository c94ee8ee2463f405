package io.kubenas.operator.status;

/**
 * The reasons of the Ready, Reconciled and SpecApplied conditions. Progressing's reasons, and Complete's, are the search's
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
    RECONCILE_ERROR("ReconcileError"),
    /** SpecApplied: every spec edit is in effect. */
    SPEC_APPLIED("SpecApplied"),
    /** SpecApplied=False: trainer-pod fields changed while an attempt runs; they apply from the next attempt. */
    APPLIES_AT_NEXT_ATTEMPT("AppliesAtNextAttempt"),
    /** SpecApplied=False: spec.checkpoint.storage.size is below the volume's size; a volume cannot shrink. */
    VOLUME_CANNOT_SHRINK("VolumeCannotShrink");

    private final String reason;

    ConditionReason(String reason) {
        this.reason = reason;
    }

    /** The reason as written to status (CamelCase, as Kubernetes conventions ask). */
    public String reason() {
        return reason;
    }
}
