package io.kubenas.operator.policy;

import io.kubenas.api.budget.Usage;

/**
 * The trainer attempt that should exist now: its number, the usage before it (recorded on its Job and
 * handed to the trainer) and its deadline.
 *
 * @param attempt attempt number, from 1
 * @param before device- and wall seconds spent by earlier attempts
 * @param devices devices it counts for the budget
 * @param deadlineSeconds the Job's activeDeadlineSeconds; null keeps whatever the Job has (unknown usage before it)
 */
public record TrainerRun(int attempt, Usage before, int devices, Long deadlineSeconds) {
}
