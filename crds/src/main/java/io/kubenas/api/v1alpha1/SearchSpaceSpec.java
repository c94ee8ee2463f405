package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/** A chain of choice layers: either a preset or explicit layers, not both. */
@ValidationRule(value = "has(self.preset) != has(self.layers)", message = "spec.searchSpace must set exactly one of preset, layers")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SearchSpaceSpec {

    /** A named space: tiny (28-32 px inputs) or shufflenet-imagenet (the paper's 20 layers). */
    @JsonPropertyDescription("A named space: tiny (28-32 px inputs) or shufflenet-imagenet (the paper's 20 layers).")
    private SearchSpacePreset preset;

    /** Explicit choice layers, in order from the stem to the tail. */
    @Size(min = 1, max = 64)
    @JsonPropertyDescription("Explicit choice layers, in order from the stem to the tail.")
    private List<LayerSpec> layers;

    /** Output channels of the 3x3 stem convolution (explicit layers only; presets fix it). */
    @Min(2)
    @Max(4096)
    @JsonPropertyDescription("Output channels of the 3x3 stem convolution (explicit layers only; presets fix it).")
    private Integer stemChannels;

    /**
     * Output channels of the 1x1 tail convolution before pooling (explicit layers only; presets fix
     * it).
     */
    @Min(2)
    @Max(8192)
    @JsonPropertyDescription("Output channels of the 1x1 tail convolution before pooling (explicit layers only; presets fix it).")
    private Integer tailChannels;

    /** Scales every channel count of a preset (rounded to a multiple of 4). */
    @Default("1.0")
    @Min(0.25)
    @Max(8.0)
    @JsonPropertyDescription("Scales every channel count of a preset (rounded to a multiple of 4).")
    private Double widthMultiplier;

    /** Candidates offered on every preset layer; all four when empty. */
    @Size(min = 1, max = 4)
    @JsonPropertyDescription("Candidates offered on every preset layer; all four when empty.")
    private List<Candidate> candidates;

    public SearchSpacePreset getPreset() {
        return preset;
    }

    public void setPreset(SearchSpacePreset preset) {
        this.preset = preset;
    }

    public SearchSpaceSpec withPreset(SearchSpacePreset preset) {
        this.preset = preset;
        return this;
    }

    public List<LayerSpec> getLayers() {
        return layers;
    }

    public void setLayers(List<LayerSpec> layers) {
        this.layers = layers;
    }

    public SearchSpaceSpec withLayers(List<LayerSpec> layers) {
        this.layers = layers;
        return this;
    }

    public Integer getStemChannels() {
        return stemChannels;
    }

    public void setStemChannels(Integer stemChannels) {
        this.stemChannels = stemChannels;
    }

    public SearchSpaceSpec withStemChannels(Integer stemChannels) {
        this.stemChannels = stemChannels;
        return this;
    }

    public Integer getTailChannels() {
        return tailChannels;
    }

    public void setTailChannels(Integer tailChannels) {
        this.tailChannels = tailChannels;
    }

    public SearchSpaceSpec withTailChannels(Integer tailChannels) {
        this.tailChannels = tailChannels;
        return this;
    }

    public Double getWidthMultiplier() {
        return widthMultiplier;
    }

    public void setWidthMultiplier(Double widthMultiplier) {
        this.widthMultiplier = widthMultiplier;
    }

    public SearchSpaceSpec withWidthMultiplier(Double widthMultiplier) {
        this.widthMultiplier = widthMultiplier;
        return this;
    }

    public List<Candidate> getCandidates() {
        return candidates;
    }

    public void setCandidates(List<Candidate> candidates) {
        this.candidates = candidates;
    }

    public SearchSpaceSpec withCandidates(List<Candidate> candidates) {
        this.candidates = candidates;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SearchSpaceSpec that)) {
            return false;
        }
        return Objects.equals(preset, that.preset) && Objects.equals(layers, that.layers) && Objects.equals(stemChannels, that.stemChannels) && Objects.equals(tailChannels, that.tailChannels) && Objects.equals(widthMultiplier, that.widthMultiplier) && Objects.equals(candidates, that.candidates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(preset, layers, stemChannels, tailChannels, widthMultiplier, candidates);
    }

    @Override
    public String toString() {
        return "SearchSpaceSpec{" + "preset=" + preset + ", " + "layers=" + layers + ", " + "stemChannels=" + stemChannels + ", " + "tailChannels=" + tailChannels + ", " + "widthMultiplier=" + widthMultiplier + ", " + "candidates=" + candidates + "}";
    }
}
