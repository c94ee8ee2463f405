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

/**
 * TE-NAS pruning: ranks candidates by NTK condition number and linear-region count at
 * initialisation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class TenasSpec {

    @Default("2")
    @Min(1)
    @Max(4)
    @JsonPropertyDescription("Candidates kept per layer by TENAS_DSNAS before DSNAS searches them (TENAS always keeps 1).")
    private Integer survivorsPerLayer;

    @Default("0.25")
    @Min(value = 0.0, inclusive = false)
    @Max(1.0)
    @JsonPropertyDescription("Width of the thin supernet copy the scores are computed on, relative to the searched space.")
    private Double widthMultiplier;

    @Default("3")
    @Min(1)
    @Max(100)
    @JsonPropertyDescription("Repeats per score, each with fresh weights and a fresh batch (shared by a network and its pruned copy).")
    private Integer repeats;

    @Default("32")
    @Min(2)
    @Max(1024)
    @JsonPropertyDescription("Images per NTK condition-number estimate.")
    private Integer ntkBatchSize;

    @Default("1000")
    @Min(10)
    @Max(100000)
    @JsonPropertyDescription("Random crops per linear-region count.")
    private Integer regionSamples;

    @Default("false")
    @JsonPropertyDescription("Among candidates with equal rank sums, prune the one with the most FLOPs.")
    private Boolean flopsTieBreak;
}
