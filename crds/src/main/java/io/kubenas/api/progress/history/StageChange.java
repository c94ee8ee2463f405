package io.kubenas.api.progress.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubenas.api.progress.TrainerStage;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The trainer entering a stage. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class StageChange {
    @JsonPropertyDescription("The stage entered.")
    private TrainerStage stage;

    @JsonPropertyDescription("Epochs done when it was entered.")
    private Integer epoch;

    @JsonPropertyDescription("Steps done when it was entered.")
    private Long step;

    @JsonPropertyDescription("The attempt that entered it.")
    private Integer attempt;

    @JsonPropertyDescription("Device-seconds used over every attempt when it was entered.")
    private Double deviceSeconds;

    @JsonPropertyDescription("When it was entered (RFC 3339).")
    private String time;
}
