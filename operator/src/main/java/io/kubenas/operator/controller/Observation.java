package io.kubenas.operator.controller;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubenas.api.progress.TrainerProgress;
import java.time.Instant;
import java.util.List;
import io.kubenas.operator.policy.AttemptState;
import io.kubenas.operator.policy.SpecDrift;
import io.kubenas.api.budget.Usage;
import io.kubenas.operator.policy.TrainerRun;

/**
 * What the operator saw of one search in its caches: the current attempt, the budget spent, whether an
 * older trainer pod still runs, the trainer's latest report, and the serving Deployment's readiness.
 *
 * @param attempt the current attempt's state, with the trainer's own outcome when it ended
 * @param recordedRun what the current attempt's Job records (usage before it, devices), or null
 * @param used device- and wall seconds spent, the current attempt included
 * @param trainerPodsAlive true when a trainer pod of this search may still run
 * @param report the trainer's latest report (progress ConfigMap, then the termination message), or null
 * @param servingReadyReplicas ready replicas of the serving Deployment, or null when there is none
 * @param jobsToStop trainer Jobs (not yet being deleted) to delete: a pod on a lost node, or suspended by Kueue after
 *        their trainer ran (Kueue would admit them again beside the next attempt)
 * @param recheckAt when a trainer pod's NotReady node will have been NotReady for the grace, or null
 * @param drift spec edits not in effect (the running trainer's pod, a checkpoint volume asked to shrink)
 */
public record Observation(AttemptState attempt, TrainerRun recordedRun, Usage used, boolean trainerPodsAlive,
        TrainerProgress report, Integer servingReadyReplicas, List<Job> jobsToStop, Instant recheckAt,
        SpecDrift drift) {
}
