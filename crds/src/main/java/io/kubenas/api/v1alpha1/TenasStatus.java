package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** Result of TE-NAS pruning. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TenasStatus {

    /** Pruning rounds run. */
    @JsonPropertyDescription("Pruning rounds run.")
    private Integer rounds;

    /** Seconds spent pruning. */
    @JsonPropertyDescription("Seconds spent pruning.")
    private Double seconds;

    /** Candidates left per layer. */
    @JsonPropertyDescription("Candidates left per layer.")
    private List<List<String>> survivors;

    /** Scores of every candidate in the round it was pruned or kept. */
    @JsonPropertyDescription("Scores of every candidate in the round it was pruned or kept.")
    private List<CandidateScore> scores;

    public Integer getRounds() {
        return rounds;
    }

    public void setRounds(Integer rounds) {
        this.rounds = rounds;
    }

    public TenasStatus withRounds(Integer rounds) {
        this.rounds = rounds;
        return this;
    }

    public Double getSeconds() {
        return seconds;
    }

    public void setSeconds(Double seconds) {
        this.seconds = seconds;
    }

    public TenasStatus withSeconds(Double seconds) {
        this.seconds = seconds;
        return this;
    }

    public List<List<String>> getSurvivors() {
        return survivors;
    }

    public void setSurvivors(List<List<String>> survivors) {
        this.survivors = survivors;
    }

    public TenasStatus withSurvivors(List<List<String>> survivors) {
        this.survivors = survivors;
        return this;
    }

    public List<CandidateScore> getScores() {
        return scores;
    }

    public void setScores(List<CandidateScore> scores) {
        this.scores = scores;
    }

    public TenasStatus withScores(List<CandidateScore> scores) {
        this.scores = scores;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TenasStatus that)) {
            return false;
        }
        return Objects.equals(rounds, that.rounds) && Objects.equals(seconds, that.seconds) && Objects.equals(survivors, that.survivors) && Objects.equals(scores, that.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rounds, seconds, survivors, scores);
    }

    @Override
    public String toString() {
        return "TenasStatus{" + "rounds=" + rounds + ", " + "seconds=" + seconds + ", " + "survivors=" + survivors + ", " + "scores=" + scores + "}";
    }
}
