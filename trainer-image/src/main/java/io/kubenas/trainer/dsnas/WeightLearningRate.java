package io.kubenas.trainer.dsnas;

import io.kubenas.api.v1alpha1.LearningRateSchedule;

/**
 * The weight learning rate at a step: linear warm-up from zero over the warm-up steps, then cosine decay
 * to zero at the end of the schedule (or constant).
 *
 * <p>Warm-up step s (from 0) uses peak·(s+1)/warmup, so no step is wasted at rate 0 and the last warm-up
 * step reaches the peak. The cosine runs over the remaining steps with t = (s − warmup)/(total − warmup):
 * peak at the first step after warm-up, approaching zero at the last one.
 *
 * @param peak the learning rate after warm-up
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param totalSteps steps of the whole schedule (warm-up included)
 * @param schedule cosine or constant after the warm-up
 */
public record WeightLearningRate(double peak, long warmupSteps, long totalSteps, LearningRateSchedule schedule) {

    public WeightLearningRate {
        if (peak <= 0 || warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("bad schedule: peak " + peak + ", warm-up " + warmupSteps + ", total " + totalSteps);
        }
    }

    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        if (schedule == LearningRateSchedule.CONSTANT) {
            return peak;
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double t = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return peak * 0.5 * (1 + Math.cos(Math.PI * t));
    }
}
