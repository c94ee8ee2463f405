package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * Restarts of failed trainer pods. Evictions and preemptions resume without using up restarts, but back off the
 * same way and are capped by their own count, so a trainer that is stopped at once cannot churn Jobs forever.
 */
// has() guards: the API server also checks this rule against the parent's schema default ({}), before
// the fields' own defaults are filled in; on a stored object both fields are always set.
@ValidationRule(value = "!has(self.backoffSeconds) || !has(self.maxBackoffSeconds) || self.backoffSeconds <= self.maxBackoffSeconds", message = "spec.restartPolicy.backoffSeconds must not exceed spec.restartPolicy.maxBackoffSeconds")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class RestartPolicySpec {

    @Default("3")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("Restarts after failures before the search is Failed.")
    private Integer maxRestarts;

    @Default("10")
    @Min(1)
    @Max(86400)
    @JsonPropertyDescription("Delay before the first restart; doubled for each further one.")
    private Integer backoffSeconds;

    @Default("600")
    @Min(1)
    @Max(86400)
    @JsonPropertyDescription("Upper bound of the restart delay.")
    private Integer maxBackoffSeconds;

    @Default("50")
    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("Resumptions after evictions, preemptions and other stops (exit 75) before the search is Failed. Each waits like a restart: backoffSeconds doubled per disruption, up to maxBackoffSeconds.")
    private Integer maxDisruptions;
}
