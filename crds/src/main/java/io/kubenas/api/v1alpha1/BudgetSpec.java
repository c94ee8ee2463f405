package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Compute budget, counted over every attempt of the search. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class BudgetSpec {

    @Required
    @Min(value = 0.0, inclusive = false)
    @JsonPropertyDescription("Device-hours the search may use: GPU-hours (GPUs x hours), or pod-hours for a CPU-only trainer. Must be > 0.")
    private Double deviceHours;

    @Pattern("^([0-9]+(\\.[0-9]+)?(h|m|s))+$")
    @JsonPropertyDescription("Optional wall-clock limit over all attempts, e.g. 90m or 2h30m.")
    private String maxDuration;
}
