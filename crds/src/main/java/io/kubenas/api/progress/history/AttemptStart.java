package io.kubenas.api.progress.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** An attempt (trainer process) starting to train. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class AttemptStart {
    @JsonPropertyDescription("The attempt number, from 1 (1 for every local run).")
    private Integer attempt;

    @JsonPropertyDescription("When it started training (RFC 3339).")
    private String time;

    @JsonPropertyDescription("The checkpoint it resumed from; absent for a fresh start.")
    private String resumedFrom;

    @JsonPropertyDescription("Epochs done when it started.")
    private Integer epoch;

    @JsonPropertyDescription("Steps done when it started.")
    private Long step;

    @JsonPropertyDescription("Device-seconds used over every attempt when it started.")
    private Double deviceSeconds;
}
