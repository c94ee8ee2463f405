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

/** Adam on the architecture logits (no weight decay). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class ArchitectureOptimizerSpec {

    @Default("0.02")
    @Min(value = 0.0, inclusive = false)
    @Max(10.0)
    @JsonPropertyDescription("Learning rate; short budgets need about 2e-2 (measured on Fashion-MNIST), long ImageNet searches 1e-3.")
    private Double learningRate;

    @Default("0.5")
    @Min(0.0)
    @Max(value = 1.0, inclusive = false)
    @JsonPropertyDescription("Adam beta1.")
    private Double beta1;

    @Default("0.999")
    @Min(0.0)
    @Max(value = 1.0, inclusive = false)
    @JsonPropertyDescription("Adam beta2.")
    private Double beta2;
}
