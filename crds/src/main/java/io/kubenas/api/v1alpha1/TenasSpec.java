package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/**
 * TE-NAS pruning: ranks candidates by NTK condition number and linear-region count at
 * initialisation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenasSpec {

    /** Candidates kept per layer by TENAS_DSNAS before DSNAS searches them (TENAS always keeps 1). */
    @Default("2")
    @Min(1)
    @Max(4)
    @JsonPropertyDescription("Candidates kept per layer by TENAS_DSNAS before DSNAS searches them (TENAS always keeps 1).")
    private Integer survivorsPerLayer;

    /** Width of the thin supernet copy the scores are computed on, relative to the searched space. */
    @Default("0.25")
    @Min(value = 0.0, inclusive = false)
    @Max(1.0)
    @JsonPropertyDescription("Width of the thin supernet copy the scores are computed on, relative to the searched space.")
    private Double widthMultiplier;

    /**
     * Repeats per score, each with fresh weights and a fresh batch (shared by a network and its
     * pruned copy).
     */
    @Default("3")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Repeats per score, each with fresh weights and a fresh batch (shared by a network and its pruned copy).")
    private Integer repeats;

    /** Images per NTK condition-number estimate. */
    @Default("32")
    @Min(2)
    @Max(1024)
    @JsonPropertyDescription("Images per NTK condition-number estimate.")
    private Integer ntkBatchSize;

    /** Random crops per linear-region count. */
    @Default("1000")
    @Min(10)
    @Max(100000)
    @JsonPropertyDescription("Random crops per linear-region count.")
    private Integer regionSamples;

    /** Among candidates with equal rank sums, prune the one with the most FLOPs. */
    @Default("false")
    @JsonPropertyDescription("Among candidates with equal rank sums, prune the one with the most FLOPs.")
    private Boolean flopsTieBreak;

    public Integer getSurvivorsPerLayer() {
        return survivorsPerLayer;
    }

    public void setSurvivorsPerLayer(Integer survivorsPerLayer) {
        this.survivorsPerLayer = survivorsPerLayer;
    }

    public TenasSpec withSurvivorsPerLayer(Integer survivorsPerLayer) {
        this.survivorsPerLayer = survivorsPerLayer;
        return this;
    }

    public Double getWidthMultiplier() {
        return widthMultiplier;
    }

    public void setWidthMultiplier(Double widthMultiplier) {
        this.widthMultiplier = widthMultiplier;
    }

    public TenasSpec withWidthMultiplier(Double widthMultiplier) {
        this.widthMultiplier = widthMultiplier;
        return this;
    }

    public Integer getRepeats() {
        return repeats;
    }

    public void setRepeats(Integer repeats) {
        this.repeats = repeats;
    }

    public TenasSpec withRepeats(Integer repeats) {
        this.repeats = repeats;
        return this;
    }

    public Integer getNtkBatchSize() {
        return ntkBatchSize;
    }

    public void setNtkBatchSize(Integer ntkBatchSize) {
        this.ntkBatchSize = ntkBatchSize;
    }

    public TenasSpec withNtkBatchSize(Integer ntkBatchSize) {
        this.ntkBatchSize = ntkBatchSize;
        return this;
    }

    public Integer getRegionSamples() {
        return regionSamples;
    }

    public void setRegionSamples(Integer regionSamples) {
        this.regionSamples = regionSamples;
    }

    public TenasSpec withRegionSamples(Integer regionSamples) {
        this.regionSamples = regionSamples;
        return this;
    }

    public Boolean getFlopsTieBreak() {
        return flopsTieBreak;
    }

    public void setFlopsTieBreak(Boolean flopsTieBreak) {
        this.flopsTieBreak = flopsTieBreak;
    }

    public TenasSpec withFlopsTieBreak(Boolean flopsTieBreak) {
        this.flopsTieBreak = flopsTieBreak;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TenasSpec that)) {
            return false;
        }
        return Objects.equals(survivorsPerLayer, that.survivorsPerLayer) && Objects.equals(widthMultiplier, that.widthMultiplier) && Objects.equals(repeats, that.repeats) && Objects.equals(ntkBatchSize, that.ntkBatchSize) && Objects.equals(regionSamples, that.regionSamples) && Objects.equals(flopsTieBreak, that.flopsTieBreak);
    }

    @Override
    public int hashCode() {
        return Objects.hash(survivorsPerLayer, widthMultiplier, repeats, ntkBatchSize, regionSamples, flopsTieBreak);
    }

    @Override
    public String toString() {
        return "TenasSpec{" + "survivorsPerLayer=" + survivorsPerLayer + ", " + "widthMultiplier=" + widthMultiplier + ", " + "repeats=" + repeats + ", " + "ntkBatchSize=" + ntkBatchSize + ", " + "regionSamples=" + regionSamples + ", " + "flopsTieBreak=" + flopsTieBreak + "}";
    }
}
