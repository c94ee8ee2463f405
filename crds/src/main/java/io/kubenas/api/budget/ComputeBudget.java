package io.kubenas.api.budget;

import io.kubenas.api.v1alpha1.BudgetSpec;
import io.kubenas.api.v1alpha1.MaxDuration;
import io.kubenas.api.v1alpha1.NasSearchSpec;

/**
 * A search's compute budget as arithmetic, the one place both the operator and the trainer take it from
 * (docs/architecture.md, "The compute budget"): device-seconds are a trainer pod's running time times its
 * devices (its GPUs, or one for a CPU-only trainer), summed over attempts; {@code spec.budget.maxDuration}
 * caps the wall-clock time over all attempts on top. The operator owns the accounting (from pod times) and
 * hands each attempt the {@link Usage} before it; what the attempt may still run is
 * {@link #allowanceSeconds(Usage)}.
 *
 * @param limitDeviceSeconds {@code spec.budget.deviceHours x 3600}
 * @param maxWallSeconds {@code spec.budget.maxDuration} in seconds, or infinity when none is set
 * @param devices devices one trainer pod counts for: its GPUs, at least 1
 */
public record ComputeBudget(double limitDeviceSeconds, double maxWallSeconds, int devices) {

    public ComputeBudget {
        if (devices < 1) {
            throw new IllegalArgumentException("devices must be >= 1, got " + devices);
        }
    }

    /** The budget of a defaulted, validated spec. */
    public static ComputeBudget of(NasSearchSpec spec) {
        BudgetSpec budget = spec.getBudget();
        Integer gpus = spec.getResources() == null ? null : spec.getResources().getGpus();
        return new ComputeBudget(budget.getDeviceHours() * 3600.0,
                budget.getMaxDuration() == null ? Double.POSITIVE_INFINITY : MaxDuration.seconds(budget.getMaxDuration()),
                Math.max(1, gpus == null ? 0 : gpus));
    }

    /** The same budget counted for an attempt with {@code count} devices (as its Job recorded them at its start). */
    public ComputeBudget withDevices(int count) {
        return new ComputeBudget(limitDeviceSeconds, maxWallSeconds, count);
    }

    /**
     * Wall seconds an attempt may run after {@code before} was spent by the attempts before it: the smaller of
     * the device-seconds left shared by its devices and the wall-clock time left. Never negative.
     */
    public double allowanceSeconds(Usage before) {
        double byDevices = (limitDeviceSeconds - before.deviceSeconds()) / devices;
        double byWall = maxWallSeconds - before.wallSeconds();
        return Math.max(0.0, Math.min(byDevices, byWall));
    }

    /** The share of the budget {@code usedDeviceSeconds} is, e.g. {@code 42%}, as {@code kubectl get} shows it. */
    public String usedPercent(double usedDeviceSeconds) {
        if (limitDeviceSeconds <= 0) {
            return "100%";
        }
        return Math.round(100.0 * Math.min(1.0, usedDeviceSeconds / limitDeviceSeconds)) + "%";
    }
}
