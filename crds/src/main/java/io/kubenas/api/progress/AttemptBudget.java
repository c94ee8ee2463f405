package io.kubenas.api.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * The budget as a running trainer sees it, in its progress reports: what it counts over all attempts from the
 * operator's figure for the earlier ones plus its own clock. Not {@code status.budget}: the operator accounts
 * that itself, from pod times.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class AttemptBudget {
    @JsonPropertyDescription("Device-seconds used over every attempt, this one included.")
    private Double deviceSecondsUsed;
    @JsonPropertyDescription("The budget in device-seconds.")
    private Double deviceSecondsLimit;
    @JsonPropertyDescription("Wall seconds this attempt has run.")
    private Double attemptSeconds;
    @JsonPropertyDescription("The share used, e.g. 42%.")
    private String used;
}
