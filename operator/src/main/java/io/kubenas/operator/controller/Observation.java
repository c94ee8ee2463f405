package io.kubenas.operator.controller;

import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.operator.policy.AttemptState;
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
 */
public record Observation(AttemptState attempt, TrainerRun recordedRun, Usage used, boolean trainerPodsAlive,
        TrainerProgress report, Integer servingReadyReplicas) {
}
