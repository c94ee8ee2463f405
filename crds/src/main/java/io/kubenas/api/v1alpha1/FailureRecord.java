package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A failed attempt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class FailureRecord {

    @JsonPropertyDescription("Machine-readable reason, e.g. Error, OOMKilled, Evicted.")
    private String reason;

    @JsonPropertyDescription("Human-readable detail.")
    private String message;

    @JsonPropertyDescription("Exit code of the trainer container, when known.")
    private Integer exitCode;

    @JsonPropertyDescription("When it happened (RFC 3339).")
    private String time;
}
