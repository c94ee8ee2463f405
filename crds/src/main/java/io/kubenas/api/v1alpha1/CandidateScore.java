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

    @JsonPropertyDescription("Sum of the two dense ranks; the lowest per layer is pruned.")
    private Integer rankSum;

    @JsonPropertyDescription("True when the candidate was pruned in this round.")
    private Boolean pruned;

    public CandidateScore withRound(Integer round) {
        this.round = round;
        return this;
    }

    public CandidateScore withLayer(Integer layer) {
        this.layer = layer;
        return this;
    }

    public CandidateScore withCandidate(String candidate) {
        this.candidate = candidate;
        return this;
    }

    public CandidateScore withNtkDelta(Double ntkDelta) {
        this.ntkDelta = ntkDelta;
        return this;
    }

    public CandidateScore withRegionsDelta(Double regionsDelta) {
        this.regionsDelta = regionsDelta;
        return this;
    }

    public CandidateScore withRankSum(Integer rankSum) {
        this.rankSum = rankSum;
        return this;
    }

    public CandidateScore withPruned(Boolean pruned) {
        this.pruned = pruned;
        return this;
    }
}
