package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** SGD with momentum; weight decay is not applied to BatchNorm parameters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WeightOptimizerSpec {

    /** Peak learning rate. */
    @Default("0.05")
    @Min(value = 0.0, inclusive = false)
    @Max(10.0)
    @JsonPropertyDescription("Peak learning rate.")
    private Double learningRate;

    /** Momentum. */
    @Default("0.9")
    @Min(0.0)
    @Max(value = 1.0, inclusive = false)
    @JsonPropertyDescription("Momentum.")
    private Double momentum;

    /** L2 weight decay on convolution and linear weights. */
    @Default("4.0E-5")
    @Min(0.0)
    @Max(1.0)
    @JsonPropertyDescription("L2 weight decay on convolution and linear weights.")
    private Double weightDecay;

    /** Epochs of linear learning-rate warm-up from zero. */
    @Default("0")
    @Min(0)
    @JsonPropertyDescription("Epochs of linear learning-rate warm-up from zero.")
    private Integer lrWarmupEpochs;

    /** cosine (default) or constant after the warm-up. */
    @Default("cosine")
    @JsonPropertyDescription("cosine (default) or constant after the warm-up.")
    private LearningRateSchedule schedule;

    public Double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(Double learningRate) {
        this.learningRate = learningRate;
    }

    public WeightOptimizerSpec withLearningRate(Double learningRate) {
        this.learningRate = learningRate;
        return this;
    }

    public Double getMomentum() {
        return momentum;
    }

    public void setMomentum(Double momentum) {
        this.momentum = momentum;
    }

    public WeightOptimizerSpec withMomentum(Double momentum) {
        this.momentum = momentum;
        return this;
    }

    public Double getWeightDecay() {
        return weightDecay;
    }

    public void setWeightDecay(Double weightDecay) {
        this.weightDecay = weightDecay;
    }

    public WeightOptimizerSpec withWeightDecay(Double weightDecay) {
        this.weightDecay = weightDecay;
        return this;
    }

    public Integer getLrWarmupEpochs() {
        return lrWarmupEpochs;
    }

    public void setLrWarmupEpochs(Integer lrWarmupEpochs) {
        this.lrWarmupEpochs = lrWarmupEpochs;
    }

    public WeightOptimizerSpec withLrWarmupEpochs(Integer lrWarmupEpochs) {
        this.lrWarmupEpochs = lrWarmupEpochs;
        return this;
    }

    public LearningRateSchedule getSchedule() {
        return schedule;
    }

    public void setSchedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
    }

    public WeightOptimizerSpec withSchedule(LearningRateSchedule schedule) {
        this.schedule = schedule;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WeightOptimizerSpec that)) {
            return false;
        }
        return Objects.equals(learningRate, that.learningRate) && Objects.equals(momentum, that.momentum) && Objects.equals(weightDecay, that.weightDecay) && Objects.equals(lrWarmupEpochs, that.lrWarmupEpochs) && Objects.equals(schedule, that.schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum, weightDecay, lrWarmupEpochs, schedule);
    }

    @Override
    public String toString() {
        return "WeightOptimizerSpec{" + "learningRate=" + learningRate + ", " + "momentum=" + momentum + ", " + "weightDecay=" + weightDecay + ", " + "lrWarmupEpochs=" + lrWarmupEpochs + ", " + "schedule=" + schedule + "}";
    }
}
