package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One choice layer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class LayerSpec {

    @Required
    @Min(2)
    @Max(8192)
    @ValidationRule(value = "self % 2 == 0", message = "output channels must be even (ShuffleNet units concatenate two halves)")
    @JsonPropertyDescription("Output channels; even. A stride-1 layer keeps its input channels; a stride-2 layer must widen them.")
    private Integer outChannels;

    @Default("1")
    @Min(1)
    @Max(2)
    @JsonPropertyDescription("1 or 2 (2 halves the spatial size).")
    private Integer stride;

    @Size(min = 1, max = 4)
    @ValidationRule(value = "self.all(c, self.exists_one(d, d == c))",
            messageExpression = "'lists ' + self.filter(c, !self.exists_one(d, d == c))[0] + ' more than once'")
    @JsonPropertyDescription("Candidates of this layer, each once; all four when empty.")
    private List<Candidate> candidates;
}
