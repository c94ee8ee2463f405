package io.kubenas.api.progress.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The running sums of the epoch in progress; its {@link EpochRecord} is made from them when it ends. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class OpenEpoch {
    @JsonPropertyDescription("Sum of the training losses of the steps done in the epoch.")
    private Double lossSum;

    @JsonPropertyDescription("Steps done in the epoch.")
    private Long steps;

    @JsonPropertyDescription("Training images seen in the epoch.")
    private Long images;

    @JsonPropertyDescription("Wall seconds spent training in the epoch.")
    private Double seconds;
}
