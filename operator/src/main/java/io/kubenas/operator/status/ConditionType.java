package io.kubenas.operator.status;

/** The conditions a NasSearch status carries; each is always present. */
public enum ConditionType {
    /** A trainer runs or is about to; the reason says what the search is doing. */
    PROGRESSING("Progressing"),
    /** The search finished with an exported child (target reached or all epochs done). */
    COMPLETE("Complete"),
    /** The child network answers inference requests. */
    READY("Ready"),
    /** The last reconcile went through; when not, the message holds the error. */
    RECONCILED("Reconciled"),
    /** Every spec edit is in effect; when not, which edits wait for the next attempt or cannot be applied. */
    SPEC_APPLIED("SpecApplied");

    private final String type;

    ConditionType(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }
}
