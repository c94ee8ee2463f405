package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** When the search has done enough. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class TargetSpec {

    @Required
    @Min(value = 0.0, inclusive = false)
    @Max(1.0)
    @JsonPropertyDescription("Validation accuracy of the derived child in (0, 1] at which the search stops and the child is exported.")
    private Double accuracy;
}
