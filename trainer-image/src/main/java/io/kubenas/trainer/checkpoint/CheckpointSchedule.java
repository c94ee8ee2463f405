package io.kubenas.trainer.checkpoint;

import io.kubenas.api.v1alpha1.CheckpointSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * When to write a checkpoint (spec.checkpoint): at the end of every {@code intervalEpochs}-th epoch, and
 * mid-epoch when {@code intervalMinutes} have passed since the last one — so a long epoch on a slow
 * machine still loses at most that much work. SIGTERM and the end of the search checkpoint regardless.
 */
public final class CheckpointSchedule {
    private final int intervalEpochs;
    private final Duration interval;
    private Instant lastWritten;

    public CheckpointSchedule(int intervalEpochs, Duration interval, Instant start) {
        if (intervalEpochs < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("intervals must be positive, got " + intervalEpochs + " epochs and " + interval);
        }
        this.intervalEpochs = intervalEpochs;
        this.interval = interval;
        this.lastWritten = start;
    }

    /** From the spec (schema defaults applied: every epoch, every 10 minutes); the clock starts now. */
    public static CheckpointSchedule from(CheckpointSpec spec, Instant now) {
        int epochs = spec == null || spec.getIntervalEpochs() == null ? 1 : spec.getIntervalEpochs();
        int minutes = spec == null || spec.getIntervalMinutes() == null ? 10 : spec.getIntervalMinutes();
        return new CheckpointSchedule(epochs, Duration.ofMinutes(minutes), now);
    }

    /** At the end of an epoch: is a checkpoint due? */
    public boolean dueAtEpochEnd(int epochsCompleted, Instant now) {
        return epochsCompleted % intervalEpochs == 0 || dueByTime(now);
    }

    /** Mid-epoch (check after each step): has the time interval passed? */
    public boolean dueByTime(Instant now) {
        return !now.isBefore(lastWritten.plus(interval));
    }

    /** Call after every checkpoint written, whatever the reason. */
    public void written(Instant now) {
        lastWritten = now;
    }
}
