package io.kubenas.api.progress.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One layer's architecture distribution at an epoch end. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class LayerAlpha {
    @JsonPropertyDescription("softmax(α) of the layer, one probability per candidate in the layer's candidate order.")
    private List<Double> probabilities;

    @JsonPropertyDescription("The candidate the derived child takes: the fixed one, else the most probable.")
    private String choice;

    @JsonPropertyDescription("True once early fixing fixed the layer.")
    private Boolean fixed;
}
