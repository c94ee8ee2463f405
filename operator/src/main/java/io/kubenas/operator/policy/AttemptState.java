package io.kubenas.operator.policy;

import io.kubenas.api.progress.TrainerOutcome;
import java.time.Instant;

/**
 * What became of one trainer attempt (one Job and its pod), as read from their status.
 *
 * @param stage where the attempt is
 * @param end how it ended, when {@code stage} is {@link Stage#ENDED}
 * @param exitCode the trainer container's exit code, when it terminated
 * @param reason machine-readable cause (container reason, pod reason, disruption or Job condition reason)
 * @param message human-readable detail
 * @param outcome the trainer's own account of why it ended (termination message or its last progress report)
 * @param startedAt when the trainer container started (billing starts then), if it did
 * @param finishedAt when the trainer container (or the Job) finished, if it did
 * @param waitingSince while it is {@link Stage#STARTING} for a {@code reason}: since when (the pod's creation, or
 *        when it became unschedulable)
 */
public record AttemptState(Stage stage, End end, Integer exitCode, String reason, String message,
        TrainerOutcome outcome, Instant startedAt, Instant finishedAt, Instant waitingSince) {

    public static final AttemptState NOT_CREATED = new AttemptState(Stage.NOT_CREATED, null, null, null, null, null, null, null, null);

    /** Where an attempt is. */
    public enum Stage {
        /** No Job for this attempt (not yet created, or deleted). */
        NOT_CREATED,
        /**
         * The Job waits, suspended, for its queue (Kueue) to admit it; no pod, nothing billed. Kueue, not the
         * operator, decides when it starts.
         */
        QUEUED,
        /** The Job exists; its pod is not running yet (scheduling, pulling the image). */
        STARTING,
        /** The trainer pod runs. */
        RUNNING,
        /** The trainer pod (or the Job) is done. */
        ENDED
    }

    /** How an attempt ended; decides what the operator does next. */
    public enum End {
        /** Exit 0: the search is over (target, epochs or the trainer's own budget count). */
        FINISHED,
        /** Exit 75 after a SIGTERM nobody in the pod's status explains: resumable. */
        STOPPED,
        /** Evicted, preempted, node lost or its Job deleted: resumable without using up a restart. */
        DISRUPTED,
        /** Kubernetes stopped the Job at activeDeadlineSeconds, i.e. the budget as of its start. */
        DEADLINE_EXCEEDED,
        /**
         * Kueue took the running attempt's quota back (preemption, ...) and suspended its Job; the trainer stopped
         * after a final checkpoint. Resumable without using a restart or a disruption, and without back-off: the
         * next attempt waits in the queue, Kueue decides when it runs.
         */
        REQUEUED,
        /** Exit 64: the trainer rejected its input; restarting cannot help. */
        INVALID_INPUT,
        /** Exit 69: the trainer sees fewer GPUs than it was given (image, device plugin, runtime); held until the spec is edited. */
        GPU_NOT_VISIBLE,
        /** Any other failure (exit 1, OOMKilled, a pod that never started): restart with back-off. */
        FAILED
    }

    public boolean ended() {
        return stage == Stage.ENDED;
    }

    /** True while a trainer pod may be running or about to (the Job exists and has not ended). */
    public boolean active() {
        return stage == Stage.QUEUED || stage == Stage.STARTING || stage == Stage.RUNNING;
    }

    /** Wall seconds the attempt held its devices, up to {@code now} when it still runs. */
    public double elapsedSeconds(Instant now) {
        if (startedAt == null) {
            return 0.0;
        }
        Instant end = finishedAt != null ? finishedAt : now;
        return Math.max(0.0, (end.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
    }

    public AttemptState withOutcome(TrainerOutcome trainerOutcome) {
        return new AttemptState(stage, end, exitCode, reason, message, trainerOutcome, startedAt, finishedAt, waitingSince);
    }
}
