package io.kubenas.api.progress.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The exported child's evaluation, measured once at export. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class TestEvaluation {
    @JsonPropertyDescription("Which split it was measured on: test, or validation when the dataset has no test split.")
    private String split;

    @JsonPropertyDescription("Images evaluated.")
    private Long images;

    @JsonPropertyDescription("Share classified correctly: the confusion matrix's diagonal over its total.")
    private Double accuracy;

    @JsonPropertyDescription("Class names in label order.")
    private List<String> classNames;

    @JsonPropertyDescription("Counts by true class (row) and predicted class (column), in label order.")
    private List<List<Long>> confusion;

    @JsonPropertyDescription("When it was measured (RFC 3339).")
    private String time;
}
