package io.kubenas.trainer.progress;

import java.time.Duration;
import java.util.function.LongSupplier;

/** At most one routine write per interval, on a monotonic clock (wall-clock jumps do not matter). */
final class ReportThrottle {
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private boolean started;
    private long last;

    ReportThrottle(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** True, and restarts the interval, when a routine write is allowed now. */
    boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        if (started && now - last < intervalNanos) {
            return false;
        }
        started = true;
        last = now;
        return true;
    }

    /** A forced write happened: the next routine one waits a full interval. */
    void restart() {
        started = true;
        last = nanoTime.getAsLong();
    }
}
