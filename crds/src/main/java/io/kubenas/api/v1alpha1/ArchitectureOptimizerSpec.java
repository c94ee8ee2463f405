package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** Adam on the architecture logits (no weight decay). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArchitectureOptimizerSpec {

    /** Learning rate; short budgets need about 1e-2, long ImageNet searches 1e-3. */
    @Default("0.01")
    @Min(value = 0.0, inclusive = false)
    @Max(10.0)
    @JsonPropertyDescription("Learning rate; short budgets need about 1e-2, long ImageNet searches 1e-3.")
    private Double learningRate;

    /** Adam beta1. */
    @Default("0.5")
    @Min(0.0)
    @Max(value = 1.0, inclusive = false)
    @JsonPropertyDescription("Adam beta1.")
    private Double beta1;

    /** Adam beta2. */
    @Default("0.999")
    @Min(0.0)
    @Max(value = 1.0, inclusive = false)
    @JsonPropertyDescription("Adam beta2.")
    private Double beta2;

    public Double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(Double learningRate) {
        this.learningRate = learningRate;
    }

    public ArchitectureOptimizerSpec withLearningRate(Double learningRate) {
        this.learningRate = learningRate;
        return this;
    }

    public Double getBeta1() {
        return beta1;
    }

    public void setBeta1(Double beta1) {
        this.beta1 = beta1;
    }

    public ArchitectureOptimizerSpec withBeta1(Double beta1) {
        this.beta1 = beta1;
        return this;
    }

    public Double getBeta2() {
        return beta2;
    }

    public void setBeta2(Double beta2) {
        this.beta2 = beta2;
    }

    public ArchitectureOptimizerSpec withBeta2(Double beta2) {
        this.beta2 = beta2;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ArchitectureOptimizerSpec that)) {
            return false;
        }
        return Objects.equals(learningRate, that.learningRate) && Objects.equals(beta1, that.beta1) && Objects.equals(beta2, that.beta2);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, beta1, beta2);
    }

    @Override
    public String toString() {
        return "ArchitectureOptimizerSpec{" + "learningRate=" + learningRate + ", " + "beta1=" + beta1 + ", " + "beta2=" + beta2 + "}";
    }
}
