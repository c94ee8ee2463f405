package io.kubenas.operator.policy;

import io.kubenas.api.budget.ComputeBudget;
import io.kubenas.api.budget.Usage;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import java.time.Duration;

/**
 * What the operator decides from the budget ({@link ComputeBudget}, shared with the trainer): whether another
 * attempt is worth starting, and the deadline Kubernetes enforces on an attempt's Job.
 */
public final class BudgetPolicy {
    private BudgetPolicy() {
    }

    /**
     * True when a new attempt could not do useful work: less than {@code minAttempt} is left (an attempt
     * shorter than that cannot even write a checkpoint, and restarting for crumbs would loop).
     */
    public static boolean exhausted(NasSearchSpec spec, Usage used, Duration minAttempt) {
        return ComputeBudget.of(spec).allowanceSeconds(used) < minAttempt.toSeconds();
    }

    /**
     * {@code activeDeadlineSeconds} of an attempt's Job with {@code devices} devices: the allowance left when it
     * started, rounded up, at least 1 (0 is not a valid deadline). Stable while the attempt runs, so the Job is
     * not patched on every reconcile, but it follows budget edits.
     */
    public static long deadlineSeconds(NasSearchSpec spec, Usage before, int devices) {
        double allowance = ComputeBudget.of(spec).withDevices(devices).allowanceSeconds(before);
        if (Double.isInfinite(allowance)) {
            return Long.MAX_VALUE;
        }
        return Math.max(1L, (long) Math.ceil(allowance));
    }
}
