package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** TE-NAS score of one candidate in one round. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CandidateScore {

    /** Pruning round, from 1. */
    @JsonPropertyDescription("Pruning round, from 1.")
    private Integer round;

    /** Layer index. */
    @JsonPropertyDescription("Layer index.")
    private Integer layer;

    /** Candidate name. */
    @JsonPropertyDescription("Candidate name.")
    private String candidate;

    /**
     * Relative drop of the NTK condition number when the candidate is removed (higher = removing it
     * helps trainability).
     */
    @JsonPropertyDescription("Relative drop of the NTK condition number when the candidate is removed (higher = removing it helps trainability).")
    private Double ntkDelta;

    /**
     * Relative loss of linear regions when the candidate is removed (lower = removing it costs
     * little expressivity).
     */
    @JsonPropertyDescription("Relative loss of linear regions when the candidate is removed (lower = removing it costs little expressivity).")
    private Double regionsDelta;

    /** Sum of the two dense ranks; the lowest per layer is pruned. */
    @JsonPropertyDescription("Sum of the two dense ranks; the lowest per layer is pruned.")
    private Integer rankSum;

    /** True when the candidate was pruned in this round. */
    @JsonPropertyDescription("True when the candidate was pruned in this round.")
    private Boolean pruned;

    public Integer getRound() {
        return round;
    }

    public void setRound(Integer round) {
        this.round = round;
    }

    public CandidateScore withRound(Integer round) {
        this.round = round;
        return this;
    }

    public Integer getLayer() {
        return layer;
    }

    public void setLayer(Integer layer) {
        this.layer = layer;
    }

    public CandidateScore withLayer(Integer layer) {
        this.layer = layer;
        return this;
    }

    public String getCandidate() {
        return candidate;
    }

    public void setCandidate(String candidate) {
        this.candidate = candidate;
    }

    public CandidateScore withCandidate(String candidate) {
        this.candidate = candidate;
        return this;
    }

    public Double getNtkDelta() {
        return ntkDelta;
    }

    public void setNtkDelta(Double ntkDelta) {
        this.ntkDelta = ntkDelta;
    }

    public CandidateScore withNtkDelta(Double ntkDelta) {
        this.ntkDelta = ntkDelta;
        return this;
    }

    public Double getRegionsDelta() {
        return regionsDelta;
    }

    public void setRegionsDelta(Double regionsDelta) {
        this.regionsDelta = regionsDelta;
    }

    public CandidateScore withRegionsDelta(Double regionsDelta) {
        this.regionsDelta = regionsDelta;
        return this;
    }

    public Integer getRankSum() {
        return rankSum;
    }

    public void setRankSum(Integer rankSum) {
        this.rankSum = rankSum;
    }

    public CandidateScore withRankSum(Integer rankSum) {
        this.rankSum = rankSum;
        return this;
    }

    public Boolean getPruned() {
        return pruned;
    }

    public void setPruned(Boolean pruned) {
        this.pruned = pruned;
    }

    public CandidateScore withPruned(Boolean pruned) {
        this.pruned = pruned;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CandidateScore that)) {
            return false;
        }
        return Objects.equals(round, that.round) && Objects.equals(layer, that.layer) && Objects.equals(candidate, that.candidate) && Objects.equals(ntkDelta, that.ntkDelta) && Objects.equals(regionsDelta, that.regionsDelta) && Objects.equals(rankSum, that.rankSum) && Objects.equals(pruned, that.pruned);
    }

    @Override
    public int hashCode() {
        return Objects.hash(round, layer, candidate, ntkDelta, regionsDelta, rankSum, pruned);
    }

    @Override
    public String toString() {
        return "CandidateScore{" + "round=" + round + ", " + "layer=" + layer + ", " + "candidate=" + candidate + ", " + "ntkDelta=" + ntkDelta + ", " + "regionsDelta=" + regionsDelta + ", " + "rankSum=" + rankSum + ", " + "pruned=" + pruned + "}";
    }
}
