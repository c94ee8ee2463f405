package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A chain of choice layers: either a preset or explicit layers, not both. */
@ValidationRule(value = "has(self.preset) != has(self.layers)", message = "spec.searchSpace must set exactly one of preset, layers")
@ValidationRule(value = "!has(self.layers) || !has(self.candidates)", fieldPath = ".candidates", reason = "FieldValueForbidden",
        message = "applies to presets only; with explicit layers set layers[].candidates")
@ValidationRule(value = "!has(self.layers) || !has(self.widthMultiplier) || self.widthMultiplier == 1.0", fieldPath = ".widthMultiplier",
        reason = "FieldValueForbidden", message = "applies to presets only; with explicit layers give the channel counts themselves")
@ValidationRule(value = "has(self.layers) || !has(self.stemChannels)", fieldPath = ".stemChannels", reason = "FieldValueForbidden",
        message = "applies to explicit layers only; presets fix the stem")
@ValidationRule(value = "has(self.layers) || !has(self.tailChannels)", fieldPath = ".tailChannels", reason = "FieldValueForbidden",
        message = "applies to explicit layers only; presets fix the tail")
// fieldPath cannot index a list, so these messages start with the path of the first offending layer. A missing
// outChannels is the schema's to report (required).
@ValidationRule(value = "!has(self.layers) || !self.layers.all(l, has(l.outChannels)) || !self.layers.exists(i, l, " + SearchSpaceSpec.CEL_STRIDE_1_CHANGES_WIDTH + ")",
        messageExpression = "self.layers.transformList(i, l, " + SearchSpaceSpec.CEL_STRIDE_1_CHANGES_WIDTH + ", 'spec.searchSpace.layers[' + "
        + SearchSpaceSpec.CEL_LAYER_INDEX + " + '].outChannels: a stride-1 layer keeps its input channels (the outChannels of the layer before,"
        + " stemChannels for the first); use stride 2 to change the width')[0]")
@ValidationRule(value = "!has(self.layers) || !self.layers.all(l, has(l.outChannels)) || !self.layers.exists(i, l, " + SearchSpaceSpec.CEL_STRIDE_2_DOES_NOT_WIDEN + ")",
        messageExpression = "self.layers.transformList(i, l, " + SearchSpaceSpec.CEL_STRIDE_2_DOES_NOT_WIDEN + ", 'spec.searchSpace.layers[' + "
        + SearchSpaceSpec.CEL_LAYER_INDEX + " + '].outChannels: a stride-2 layer must widen its input (the outChannels of the layer before,"
        + " stemChannels for the first): its main branch adds outChannels - inChannels')[0]")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class SearchSpaceSpec {
    /** CEL, for layer {@code l} at index {@code i}: its input channels (the stem's, 16 when empty, for the first). */
    static final String CEL_LAYER_INPUT = "(i == 0 ? (has(self.stemChannels) ? self.stemChannels : 16) : self.layers[i - 1].outChannels)";
    static final String CEL_STRIDE = "(has(l.stride) ? l.stride : 1)";
    static final String CEL_STRIDE_1_CHANGES_WIDTH = CEL_STRIDE + " == 1 && l.outChannels != " + CEL_LAYER_INPUT;
    static final String CEL_STRIDE_2_DOES_NOT_WIDEN = CEL_STRIDE + " == 2 && l.outChannels <= " + CEL_LAYER_INPUT;
    /**
     * CEL: index {@code i} (below 100) in decimal, spelt from literals: the API server cannot bound the length of
     * string(int) and refuses to concatenate one into a message.
     */
    static final String CEL_LAYER_INDEX = "(i >= 10 ? " + SearchSpaceSpec.CEL_DIGITS + "[i / 10] : '') + " + SearchSpaceSpec.CEL_DIGITS + "[i % 10]";
    static final String CEL_DIGITS = "['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']";

    @JsonPropertyDescription("A named space: tiny (28-32 px inputs) or shufflenet-imagenet (the paper's 20 layers).")
    private SearchSpacePreset preset;

    @Size(min = 1, max = 64)
    @JsonPropertyDescription("Explicit choice layers, in order from the stem to the tail (at most 64).")
    private List<LayerSpec> layers;

    @Min(2)
    @Max(4096)
    @ValidationRule(value = "self % 2 == 0", message = "must be even (the first stride-1 layer splits its input channels in half)")
    @JsonPropertyDescription("Output channels of the 3x3 stem convolution (explicit layers only; presets fix it); even, 16 when empty.")
    private Integer stemChannels;

    @Min(2)
    @Max(8192)
    @JsonPropertyDescription("Output channels of the 1x1 tail convolution before pooling (explicit layers only; presets fix it).")
    private Integer tailChannels;

    @Default("1.0")
    @Min(0.25)
    @Max(8.0)
    @JsonPropertyDescription("Scales every channel count of a preset (rounded to a multiple of 4).")
    private Double widthMultiplier;

    @Size(min = 1, max = 4)
    @ValidationRule(value = "self.all(c, self.exists_one(d, d == c))",
            messageExpression = "'lists ' + self.filter(c, !self.exists_one(d, d == c))[0] + ' more than once'")
    @JsonPropertyDescription("Candidates offered on every preset layer, each once; all four when empty.")
    private List<Candidate> candidates;
}
