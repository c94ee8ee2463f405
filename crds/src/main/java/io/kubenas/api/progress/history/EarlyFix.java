package io.kubenas.api.progress.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A layer fixed by DSNAS's early fixing at an epoch start. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class EarlyFix {
    @JsonPropertyDescription("Layer index, from 0.")
    private Integer layer;

    @JsonPropertyDescription("The candidate it was fixed to.")
    private String op;

    @JsonPropertyDescription("That candidate's probability when it was fixed.")
    private Double probability;

    @JsonPropertyDescription("The epoch at whose start it was fixed, from 1: it trained fixed from then on.")
    private Integer epoch;

    @JsonPropertyDescription("The attempt that fixed it.")
    private Integer attempt;

    @JsonPropertyDescription("When it was fixed (RFC 3339).")
    private String time;
}
