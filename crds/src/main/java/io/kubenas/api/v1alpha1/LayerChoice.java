package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One choice layer's current state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class LayerChoice {

    @JsonPropertyDescription("Layer index, from 0.")
    private Integer layer;

    @JsonPropertyDescription("Most probable (or fixed) candidate.")
    private String op;

    @JsonPropertyDescription("Probability of each active candidate.")
    private Map<String, Double> probabilities;

    @JsonPropertyDescription("True once the layer was fixed by early fixing or pruning.")
    private Boolean fixed;
}
