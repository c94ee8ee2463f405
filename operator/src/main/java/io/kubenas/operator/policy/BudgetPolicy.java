package io.kubenas.operator.policy;

import io.kubenas.api.v1alpha1.BudgetSpec;
import io.kubenas.api.v1alpha1.MaxDuration;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import java.time.Duration;

/**
 * The compute budget as pure arithmetic (docs/architecture.md, "The operator ↔ trainer contract"):
 * device-seconds are pod running time x devices (GPUs, or one for a CPU-only trainer), summed over
 * attempts; a wall-clock cap
 * ({@code spec.budget.maxDuration}) applies on top. What an attempt may still run is the smaller of both,
 * and that is what the Job's {@code activeDeadlineSeconds} is set to. Takes a defaulted, validated spec.
 */
public final class BudgetPolicy {
    private BudgetPolicy() {
    }

    /** Devices the budget counts for one trainer pod: its GPUs, or 1 on CPU. */
    public static int devices(NasSearchSpec spec) {
        return Math.max(1, spec.getResources().getGpus());
    }

    /** The budget in device-seconds ({@code deviceHours x 3600}). */
    public static double limitDeviceSeconds(NasSearchSpec spec) {
        return spec.getBudget().getDeviceHours() * 3600.0;
    }

    /** The wall-clock cap over all attempts in seconds, or infinity when none is set. */
    public static double maxWallSeconds(NasSearchSpec spec) {
        BudgetSpec budget = spec.getBudget();
        return budget.getMaxDuration() == null ? Double.POSITIVE_INFINITY : MaxDuration.seconds(budget.getMaxDuration());
    }

    /**
     * Wall seconds an attempt with {@code devices} devices may run after {@code deviceSecondsUsed} and
     * {@code wallSecondsUsed} were spent before it. Never negative.
     */
    public static double allowanceSeconds(NasSearchSpec spec, Usage before, int devices) {
        double byDevices = (limitDeviceSeconds(spec) - before.deviceSeconds()) / Math.max(1, devices);
        double byWall = maxWallSeconds(spec) - before.wallSeconds();
        return Math.max(0.0, Math.min(byDevices, byWall));
    }

    /**
     * True when a new attempt could not do useful work: less than {@code minAttempt} is left (an attempt
     * shorter than that cannot even write a checkpoint, and restarting for crumbs would loop).
     */
    public static boolean exhausted(NasSearchSpec spec, Usage used, Duration minAttempt) {
        return allowanceSeconds(spec, used, devices(spec)) < minAttempt.toSeconds();
    }

    /**
     * {@code activeDeadlineSeconds} of an attempt's Job: the allowance left when it started, rounded up,
     * at least 1 (0 is not a valid deadline). Stable while the attempt runs, so the Job is not patched on
     * every reconcile, but it follows budget edits.
     */
    public static long deadlineSeconds(NasSearchSpec spec, Usage before, int devices) {
        double allowance = allowanceSeconds(spec, before, devices);
        if (Double.isInfinite(allowance)) {
            return Long.MAX_VALUE;
        }
        return Math.max(1L, (long) Math.ceil(allowance));
    }

    /** Usage after an attempt that started at {@code before} ran {@code elapsedSeconds} on {@code devices}. */
    public static Usage after(Usage before, double elapsedSeconds, int devices) {
        double elapsed = Math.max(0.0, elapsedSeconds);
        return new Usage(before.deviceSeconds() + elapsed * devices, before.wallSeconds() + elapsed);
    }

    /** The share of the budget used, e.g. {@code 42%}, as shown by {@code kubectl get}. */
    public static String usedPercent(double used, double limit) {
        if (limit <= 0) {
            return "100%";
        }
        return Math.round(100.0 * Math.min(1.0, used / limit)) + "%";
    }

    /** Device-seconds and wall seconds spent, over attempts. */
    public record Usage(double deviceSeconds, double wallSeconds) {
        public static final Usage NONE = new Usage(0, 0);

        /** The larger of both per field: accounting never goes backwards. */
        public Usage atLeast(Usage other) {
            return new Usage(Math.max(deviceSeconds, other.deviceSeconds), Math.max(wallSeconds, other.wallSeconds));
        }
    }
}
