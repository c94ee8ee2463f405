package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** How the supernet (and the child) are trained. */
// has() guards: the API server also checks this rule against the parent's schema default ({}), before
// the fields' own defaults are filled in; on a stored object both fields are always set.
@ValidationRule(value = "!has(self.warmupEpochs) || !has(self.epochs) || self.warmupEpochs < self.epochs", message = "spec.training.warmupEpochs must be less than spec.training.epochs")
@ValidationRule(value = "!has(self.weightOptimizer) || !has(self.weightOptimizer.lrWarmupEpochs) || !has(self.epochs)"
        + " || self.weightOptimizer.lrWarmupEpochs < self.epochs + (has(self.childEpochs) ? self.childEpochs : 0)", fieldPath = ".weightOptimizer.lrWarmupEpochs",
        message = "must be less than the total epochs (spec.training.epochs + spec.training.childEpochs)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingSpec {

    /** Search epochs over the training split. */
    @Default("10")
    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Search epochs over the training split.")
    private Integer epochs;

    /**
     * First epochs during which paths are sampled but the architecture parameters are not updated;
     * must be less than epochs.
     */
    @Default("0")
    @Min(0)
    @JsonPropertyDescription("First epochs during which paths are sampled but the architecture parameters are not updated; must be less than epochs.")
    private Integer warmupEpochs;

    /**
     * Epochs of the optional child phase: the derived child keeps training from the inherited
     * weights (never re-initialised), inside the same job and budget.
     */
    @Default("0")
    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("Epochs of the optional child phase: the derived child keeps training from the inherited weights (never re-initialised), inside the same job and budget.")
    private Integer childEpochs;

    /** Images per step (per device when several GPUs are used). */
    @Default("64")
    @Min(1)
    @Max(65536)
    @JsonPropertyDescription("Images per step (per device when several GPUs are used).")
    private Integer batchSize;

    /** Caps the steps of each epoch (for quick trials); all batches when empty. */
    @Min(1)
    @JsonPropertyDescription("Caps the steps of each epoch (for quick trials); all batches when empty.")
    private Integer maxStepsPerEpoch;

    /** Label smoothing of the cross-entropy loss. */
    @Default("0.1")
    @Min(0.0)
    @Max(value = 1.0, inclusive = false)
    @JsonPropertyDescription("Label smoothing of the cross-entropy loss.")
    private Double labelSmoothing;

    /**
     * Seed of every random choice (weights, sampling, shuffling); CPU runs with the same seed are
     * reproducible.
     */
    @Default("42")
    @Min(0)
    @JsonPropertyDescription("Seed of every random choice (weights, sampling, shuffling); CPU runs with the same seed are reproducible.")
    private Long seed;

    /**
     * At each epoch start a layer whose top-1 minus top-2 probability is at least this is fixed to
     * its top-1 candidate; 1 disables early fixing.
     */
    @Default("0.3")
    @Min(value = 0.0, inclusive = false)
    @Max(1.0)
    @JsonPropertyDescription("At each epoch start a layer whose top-1 minus top-2 probability is at least this is fixed to its top-1 candidate; 1 disables early fixing.")
    private Double earlyFixThreshold;

    /** SGD with momentum for the network weights. */
    @Default("{}")
    @JsonPropertyDescription("SGD with momentum for the network weights.")
    private WeightOptimizerSpec weightOptimizer;

    /** Adam for the architecture logits. */
    @Default("{}")
    @JsonPropertyDescription("Adam for the architecture logits.")
    private ArchitectureOptimizerSpec architectureOptimizer;

    public Integer getEpochs() {
        return epochs;
    }

    public void setEpochs(Integer epochs) {
        this.epochs = epochs;
    }

    public TrainingSpec withEpochs(Integer epochs) {
        this.epochs = epochs;
        return this;
    }

    public Integer getWarmupEpochs() {
        return warmupEpochs;
    }

    public void setWarmupEpochs(Integer warmupEpochs) {
        this.warmupEpochs = warmupEpochs;
    }

    public TrainingSpec withWarmupEpochs(Integer warmupEpochs) {
        this.warmupEpochs = warmupEpochs;
        return this;
    }

    public Integer getChildEpochs() {
        return childEpochs;
    }

    public void setChildEpochs(Integer childEpochs) {
        this.childEpochs = childEpochs;
    }

    public TrainingSpec withChildEpochs(Integer childEpochs) {
        this.childEpochs = childEpochs;
        return this;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public TrainingSpec withBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    public Integer getMaxStepsPerEpoch() {
        return maxStepsPerEpoch;
    }

    public void setMaxStepsPerEpoch(Integer maxStepsPerEpoch) {
        this.maxStepsPerEpoch = maxStepsPerEpoch;
    }

    public TrainingSpec withMaxStepsPerEpoch(Integer maxStepsPerEpoch) {
        this.maxStepsPerEpoch = maxStepsPerEpoch;
        return this;
    }

    public Double getLabelSmoothing() {
        return labelSmoothing;
    }

    public void setLabelSmoothing(Double labelSmoothing) {
        this.labelSmoothing = labelSmoothing;
    }

    public TrainingSpec withLabelSmoothing(Double labelSmoothing) {
        this.labelSmoothing = labelSmoothing;
        return this;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public TrainingSpec withSeed(Long seed) {
        this.seed = seed;
        return this;
    }

    public Double getEarlyFixThreshold() {
        return earlyFixThreshold;
    }

    public void setEarlyFixThreshold(Double earlyFixThreshold) {
        this.earlyFixThreshold = earlyFixThreshold;
    }

    public TrainingSpec withEarlyFixThreshold(Double earlyFixThreshold) {
        this.earlyFixThreshold = earlyFixThreshold;
        return this;
    }

    public WeightOptimizerSpec getWeightOptimizer() {
        return weightOptimizer;
    }

    public void setWeightOptimizer(WeightOptimizerSpec weightOptimizer) {
        this.weightOptimizer = weightOptimizer;
    }

    public TrainingSpec withWeightOptimizer(WeightOptimizerSpec weightOptimizer) {
        this.weightOptimizer = weightOptimizer;
        return this;
    }

    public ArchitectureOptimizerSpec getArchitectureOptimizer() {
        return architectureOptimizer;
    }

    public void setArchitectureOptimizer(ArchitectureOptimizerSpec architectureOptimizer) {
        this.architectureOptimizer = architectureOptimizer;
    }

    public TrainingSpec withArchitectureOptimizer(ArchitectureOptimizerSpec architectureOptimizer) {
        this.architectureOptimizer = architectureOptimizer;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TrainingSpec that)) {
            return false;
        }
        return Objects.equals(epochs, that.epochs) && Objects.equals(warmupEpochs, that.warmupEpochs) && Objects.equals(childEpochs, that.childEpochs) && Objects.equals(batchSize, that.batchSize) && Objects.equals(maxStepsPerEpoch, that.maxStepsPerEpoch) && Objects.equals(labelSmoothing, that.labelSmoothing) && Objects.equals(seed, that.seed) && Objects.equals(earlyFixThreshold, that.earlyFixThreshold) && Objects.equals(weightOptimizer, that.weightOptimizer) && Objects.equals(architectureOptimizer, that.architectureOptimizer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epochs, warmupEpochs, childEpochs, batchSize, maxStepsPerEpoch, labelSmoothing, seed, earlyFixThreshold, weightOptimizer, architectureOptimizer);
    }

    @Override
    public String toString() {
        return "TrainingSpec{" + "epochs=" + epochs + ", " + "warmupEpochs=" + warmupEpochs + ", " + "childEpochs=" + childEpochs + ", " + "batchSize=" + batchSize + ", " + "maxStepsPerEpoch=" + maxStepsPerEpoch + ", " + "labelSmoothing=" + labelSmoothing + ", " + "seed=" + seed + ", " + "earlyFixThreshold=" + earlyFixThreshold + ", " + "weightOptimizer=" + weightOptimizer + ", " + "architectureOptimizer=" + architectureOptimizer + "}";
    }
}
