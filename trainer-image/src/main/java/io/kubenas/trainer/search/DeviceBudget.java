package io.kubenas.trainer.search;

import io.kubenas.api.budget.ComputeBudget;
import io.kubenas.api.budget.Usage;
import java.time.Clock;

/**
 * This attempt's clock against the search's {@link ComputeBudget}, starting from the {@link Usage} before it (the
 * operator's count for earlier attempts, or the checkpoint's on a local resume), so the count carries across
 * resumes. The arithmetic is the budget's own; this only adds the attempt's elapsed time.
 */
public final class DeviceBudget {
    private final Clock clock;
    private final ComputeBudget budget;
    private final Usage before;
    private final long startedMillis;

    public DeviceBudget(Clock clock, ComputeBudget budget, Usage before) {
        this(clock, budget, before, clock.millis());
    }

    private DeviceBudget(Clock clock, ComputeBudget budget, Usage before, long startedMillis) {
        this.clock = clock;
        this.budget = budget;
        this.before = before;
        this.startedMillis = startedMillis;
    }

    /** The same count against an edited budget (the spec was changed while the search runs). */
    public DeviceBudget withBudget(ComputeBudget edited) {
        return new DeviceBudget(clock, edited, before, startedMillis);
    }

    public ComputeBudget budget() {
        return budget;
    }

    /** Wall seconds of this attempt so far. */
    public double attemptSeconds() {
        return (clock.millis() - startedMillis) / 1000.0;
    }

    /** Usage over every attempt, this one included. */
    public Usage used() {
        return before.after(attemptSeconds(), budget.devices());
    }

    /** Device-seconds left. */
    public double remaining() {
        return Math.max(0.0, budget.limitDeviceSeconds() - used().deviceSeconds());
    }

    /** Wall seconds left in this attempt before the budget (device-seconds or maxDuration) is spent. */
    public double remainingWallSeconds() {
        return Math.max(0.0, budget.allowanceSeconds(before) - attemptSeconds());
    }

    public boolean exhausted() {
        return remainingWallSeconds() <= 0;
    }

    /** The share used, e.g. {@code 42%}, as shown in the printer column. */
    public String usedPercent() {
        return budget.usedPercent(used().deviceSeconds());
    }
}
