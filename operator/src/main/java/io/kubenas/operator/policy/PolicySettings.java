package io.kubenas.operator.policy;

import java.time.Duration;

/**
 * The operator's settings {@link LifecyclePolicy} decides with (see OperatorSettings for what each means).
 *
 * @param minAttempt the shortest attempt worth starting (see {@link BudgetPolicy#exhausted})
 * @param refresh how often status is refreshed while a trainer runs (budget used grows with time)
 * @param startTimeout how long a trainer pod may wait for its image or its container's configuration
 * @param unschedulableTimeout how long a trainer pod may stay unschedulable
 */
public record PolicySettings(Duration minAttempt, Duration refresh, Duration startTimeout, Duration unschedulableTimeout) {
}
