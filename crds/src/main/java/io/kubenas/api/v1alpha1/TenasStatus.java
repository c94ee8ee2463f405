package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Result of TE-NAS pruning. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class TenasStatus {

    @JsonPropertyDescription("Pruning rounds run.")
    private Integer rounds;

    @JsonPropertyDescription("Seconds spent pruning.")
    private Double seconds;

    @JsonPropertyDescription("Candidates left per layer.")
    private List<List<String>> survivors;

    @JsonPropertyDescription("Scores of every candidate in the round it was pruned or kept.")
    private List<CandidateScore> scores;
}
