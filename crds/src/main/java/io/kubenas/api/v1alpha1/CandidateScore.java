package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** TE-NAS score of one candidate in one round. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class CandidateScore {

    @JsonPropertyDescription("Pruning round, from 1.")
    private Integer round;

    @JsonPropertyDescription("Layer index.")
    private Integer layer;

    @JsonPropertyDescription("Candidate name.")
    private String candidate;

    @JsonPropertyDescription("Relative drop of the NTK condition number when the candidate is removed (higher = removing it helps trainability).")
    private Double ntkDelta;

    @JsonPropertyDescription("Relative loss of linear regions when the candidate is removed (lower = removing it costs little expressivity).")
    private Double regionsDelta;

    @JsonPropertyDescription("Dense rank of ntkDelta in the round, from 1 for the largest.")
    private Integer ntkRank;

    @JsonPropertyDescription("Dense rank of regionsDelta in the round, from 1 for the smallest.")
    private Integer regionsRank;

    @JsonPropertyDescription("Sum of the two dense ranks; the lowest per layer is pruned.")
    private Integer rankSum;

    @JsonPropertyDescription("True when the candidate was pruned in this round.")
    private Boolean pruned;
}
