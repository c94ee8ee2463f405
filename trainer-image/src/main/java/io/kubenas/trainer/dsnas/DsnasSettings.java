package io.kubenas.trainer.dsnas;

import io.kubenas.api.v1alpha1.ArchitectureOptimizerSpec;
import io.kubenas.api.v1alpha1.LearningRateSchedule;
import io.kubenas.api.v1alpha1.TrainingSpec;
import io.kubenas.api.v1alpha1.WeightOptimizerSpec;
import java.util.Objects;

/**
 * The numbers a DSNAS search runs with, in steps rather than epochs.
 *
 * @param seed seeds α's initialisation, the path of every step and the engine's draws (dropout)
 * @param labelSmoothing ε of the cross-entropy
 * @param weightLearningRate the weights' learning-rate schedule
 * @param momentum SGD momentum
 * @param weightDecay L2 on convolution and linear weights
 * @param architectureLearningRate Adam's learning rate for α
 * @param beta1 Adam β1
 * @param beta2 Adam β2
 * @param architectureWarmupSteps steps at the start during which α is not updated (paths are still sampled)
 * @param earlyFixThreshold top-1 minus top-2 probability that fixes a layer at an epoch start
 */
public record DsnasSettings(long seed, double labelSmoothing, WeightLearningRate weightLearningRate, double momentum,
        double weightDecay, double architectureLearningRate, double beta1, double beta2, long architectureWarmupSteps,
        double earlyFixThreshold) {

    /**
     * From a defaulted {@link TrainingSpec} (as the manifest parser returns it: every field with a schema
     * default is set; the defaults live in the API model, not here).
     *
     * <p>The weight schedule spans the search <em>and</em> the child phase: one warm-up and one cosine over
     * epochs + childEpochs, as the paper's 240-epoch schedule runs through its 80 search epochs and on into
     * the child's training. The child phase continues it at the step where the search stopped
     * ({@link ChildStep} takes that step).
     *
     * @param stepsPerEpoch optimisation steps in one epoch
     */
    public static DsnasSettings from(TrainingSpec training, long stepsPerEpoch) {
        WeightOptimizerSpec w = Objects.requireNonNull(training.getWeightOptimizer(), "training.weightOptimizer (defaults not applied?)");
        ArchitectureOptimizerSpec a = Objects.requireNonNull(training.getArchitectureOptimizer(), "training.architectureOptimizer (defaults not applied?)");
        int childEpochs = training.getChildEpochs() == null ? 0 : training.getChildEpochs();
        long totalSteps = (long) (training.getEpochs() + childEpochs) * stepsPerEpoch;
        WeightLearningRate schedule = new WeightLearningRate(w.getLearningRate(), (long) w.getLrWarmupEpochs() * stepsPerEpoch,
                totalSteps, w.getSchedule() == null ? LearningRateSchedule.COSINE : w.getSchedule());
        return new DsnasSettings(training.getSeed(), training.getLabelSmoothing(), schedule, w.getMomentum(), w.getWeightDecay(),
                a.getLearningRate(), a.getBeta1(), a.getBeta2(), (long) training.getWarmupEpochs() * stepsPerEpoch,
                training.getEarlyFixThreshold());
    }

    public DsnasSettings withArchitectureWarmupSteps(long steps) {
        return new DsnasSettings(seed, labelSmoothing, weightLearningRate, momentum, weightDecay, architectureLearningRate,
                beta1, beta2, steps, earlyFixThreshold);
    }
}
