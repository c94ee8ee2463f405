package io.kubenas.trainer.progress;

import io.kubenas.api.progress.TrainerProgress;

/**
 * Where the trainer's progress goes: the work dir, the per-search ConfigMap, the terminal, the
 * termination log. The epoch loop calls {@link #report} as often as it likes (every step is fine);
 * each implementation decides how often it actually writes. No method throws or blocks the loop for
 * long: losing a progress update must never cost training.
 */
public interface ProgressReporter extends AutoCloseable {

    /** A routine update; implementations may coalesce or skip it (throttling). */
    void report(TrainerProgress progress);

    /** An update that must not be skipped: a checkpoint was written, or the stage changed. */
    default void reportNow(TrainerProgress progress) {
        report(progress);
    }

    /**
     * The final summary (outcome set): delivered with the most effort each implementation can afford
     * within a short, bounded time. Reports after this are ignored.
     */
    default void finish(TrainerProgress summary) {
        reportNow(summary);
    }

    /** Releases threads and connections; pending routine updates may be dropped. */
    @Override
    default void close() {
    }
}
