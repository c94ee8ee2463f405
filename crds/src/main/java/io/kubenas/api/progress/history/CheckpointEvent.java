package io.kubenas.api.progress.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A checkpoint written. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class CheckpointEvent {
    @JsonPropertyDescription("Directory name of the checkpoint.")
    private String name;

    @JsonPropertyDescription("Epochs done when it was written.")
    private Integer epoch;

    @JsonPropertyDescription("Steps done when it was written.")
    private Long step;

    @JsonPropertyDescription("Validation accuracy of the derived child at the last evaluation before it, when measured.")
    private Double validationAccuracy;

    @JsonPropertyDescription("The attempt that wrote it.")
    private Integer attempt;

    @JsonPropertyDescription("Device-seconds used over every attempt when it was written.")
    private Double deviceSeconds;

    @JsonPropertyDescription("When it was written (RFC 3339).")
    private String time;
}
