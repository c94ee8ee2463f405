package io.kubenas.operator.policy;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.v1alpha1.AttemptsStatus;
import io.kubenas.api.v1alpha1.Phase;
import java.time.Duration;

/**
 * What {@link LifecyclePolicy} decided for one reconcile: the phase, the attempts bookkeeping, which trainer
 * attempt should exist (none: its Job is deleted), whether the child is served, and when to look again.
 *
 * @param phase the lifecycle phase
 * @param activity what the search does and why (the Progressing condition)
 * @param message human-readable detail of the activity
 * @param attempts the attempts status to persist
 * @param trainer the attempt whose Job should exist, or null for none
 * @param serve whether the serving Deployment and Service should exist
 * @param servingReady whether they exist with every replica ready
 * @param completed why the search is complete (TARGET_REACHED or EPOCHS_COMPLETED), or null while it is not
 * @param requeueAfter when to reconcile again without an event, or null to wait for events
 * @param reason the Progressing condition's reason: the activity's, or what Kubernetes reports when a trainer pod
 *        does not start ({@link StartBlocker})
 */
public record Decision(Phase phase, Activity activity, String message, AttemptsStatus attempts, TrainerRun trainer,
        boolean serve, boolean servingReady, TrainerOutcome completed, Duration requeueAfter, String reason) {

    /** A decision whose condition reason is its activity's. */
    public Decision(Phase phase, Activity activity, String message, AttemptsStatus attempts, TrainerRun trainer,
            boolean serve, boolean servingReady, TrainerOutcome completed, Duration requeueAfter) {
        this(phase, activity, message, attempts, trainer, serve, servingReady, completed, requeueAfter, activity.reason());
    }

    /** The same decision, serving the child that exists (a new attempt runs, or the search holds) until a new one replaces it. */
    Decision serving(boolean ready) {
        return new Decision(phase, activity, message, attempts, trainer, true, ready, completed, requeueAfter, reason);
    }

    /** The number of the current attempt (0 before the first), which names its Job. */
    public int currentAttempt() {
        return attempts.getCount() == null ? 0 : attempts.getCount();
    }
}
