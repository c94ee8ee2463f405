package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** SGD with momentum; weight decay is not applied to BatchNorm parameters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class WeightOptimizerSpec {

    @Default("0.05")
    @Min(value = 0.0, inclusive = false)
    @Max(10.0)
    @JsonPropertyDescription("Peak learning rate.")
    private Double learningRate;

    @Default("0.9")
    @Min(0.0)
    @Max(value = 1.0, inclusive = false)
    @JsonPropertyDescription("Momentum.")
    private Double momentum;

    @Default("5.0E-4")
    @Min(0.0)
    @Max(1.0)
    @JsonPropertyDescription("L2 weight decay on convolution and linear weights; the default suits short searches (measured on Fashion-MNIST), the paper's ImageNet searches use 4e-5.")
    private Double weightDecay;

    @Default("0")
    @Min(0)
    @JsonPropertyDescription("Epochs of linear learning-rate warm-up from zero.")
    private Integer lrWarmupEpochs;

    @Default("cosine")
    @JsonPropertyDescription("cosine (default) or constant after the warm-up.")
    private LearningRateSchedule schedule;
}
