package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Trainer attempts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class AttemptsStatus {

    @JsonPropertyDescription("Trainer pods started so far.")
    private Integer count;

    @JsonPropertyDescription("Restarts after failures (counted against restartPolicy.maxRestarts).")
    private Integer restarts;

    @JsonPropertyDescription("Evictions and preemptions (resumed without using up restarts).")
    private Integer evictions;

    @JsonPropertyDescription("The most recent failure.")
    private FailureRecord lastFailure;

    @JsonPropertyDescription("When the next attempt may start (restart back-off), RFC 3339.")
    private String nextAttemptAt;
}
