package io.kubenas.operator.policy;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.AttemptsStatus;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.api.budget.Usage;
import java.time.Instant;

/**
 * Everything {@link LifecyclePolicy} decides from: the spec (defaulted and validated by the API server), what
 * the status already records, and what was observed in the cluster. Plain data; no client, no cache.
 *
 * @param spec the spec as read from the API server, its schema defaults applied
 * @param previousPhase the phase in status, or null for a new search
 * @param previousAttempts the attempts status, or null
 * @param completed why the search completed, as recorded in status (Complete condition), or null
 * @param attempt the state of the current attempt (status.attempts.count)
 * @param currentRun what the current attempt's Job records about itself (usage before it, devices; no deadline), or null
 * @param used device- and wall seconds spent so far, the current attempt included
 * @param trainerPodsAlive true when some trainer pod of this search may still run (a new one must wait)
 * @param childKnown true when the trainer reported an exported child published for serving (its ConfigMaps)
 * @param servingReadyReplicas ready replicas of the serving Deployment, or null when it does not exist
 * @param stage the stage the trainer last reported, or null
 * @param now the time of this reconcile
 * @param specEdited true when the spec changed since status was last written (its observedGeneration is older)
 * @param settings the operator's settings for these decisions
 */
public record LifecycleInput(NasSearchSpec spec, Phase previousPhase, AttemptsStatus previousAttempts,
        TrainerOutcome completed, AttemptState attempt, TrainerRun currentRun, Usage used, boolean trainerPodsAlive,
        boolean childKnown, Integer servingReadyReplicas, TrainerStage stage, Instant now, boolean specEdited, PolicySettings settings) {
}
