package io.kubenas.trainer.search;

import java.time.Clock;

/**
 * Counts device-seconds (devices x wall seconds; a CPU-only trainer counts one device) against the spec's
 * budget, starting from what earlier attempts already used, so the count carries across resumes.
 */
public final class DeviceBudget {
    private final Clock clock;
    private final int devices;
    private final double limitDeviceSeconds;
    private final double usedBefore;
    private final long startedMillis;

    public DeviceBudget(Clock clock, int devices, double limitDeviceSeconds, double usedBefore) {
        this(clock, devices, limitDeviceSeconds, usedBefore, clock.millis());
    }

    private DeviceBudget(Clock clock, int devices, double limitDeviceSeconds, double usedBefore, long startedMillis) {
        if (devices < 1) {
            throw new IllegalArgumentException("devices must be >= 1, got " + devices);
        }
        this.clock = clock;
        this.devices = devices;
        this.limitDeviceSeconds = limitDeviceSeconds;
        this.usedBefore = usedBefore;
        this.startedMillis = startedMillis;
    }

    /** The same count against another limit (the spec's budget was edited). */
    public DeviceBudget withLimit(double newLimitDeviceSeconds) {
        return new DeviceBudget(clock, devices, newLimitDeviceSeconds, usedBefore, startedMillis);
    }

    public int devices() {
        return devices;
    }

    /** Wall seconds of this attempt so far. */
    public double attemptSeconds() {
        return (clock.millis() - startedMillis) / 1000.0;
    }

    /** Device-seconds used over every attempt, this one included. */
    public double used() {
        return usedBefore + devices * attemptSeconds();
    }

    public double limit() {
        return limitDeviceSeconds;
    }

    public double remaining() {
        return Math.max(0.0, limitDeviceSeconds - used());
    }

    /** Wall seconds left in this attempt before the budget is spent. */
    public double remainingWallSeconds() {
        return remaining() / devices;
    }

    public boolean exhausted() {
        return used() >= limitDeviceSeconds;
    }

    /** The share used, e.g. {@code 42%}, as shown in the printer column. */
    public String usedPercent() {
        return Math.round(100.0 * Math.min(1.0, used() / limitDeviceSeconds)) + "%";
    }
}
