package io.kubenas.api.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubenas.api.v1alpha1.ArchitectureStatus;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.ProgressStatus;
import io.kubenas.api.v1alpha1.TenasStatus;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * What the trainer pushes into its progress ConfigMap, writes to progress.json in its work dir and
 * (as the final summary) to /dev/termination-log. Reuses the status types so the operator copies,
 * never translates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class TrainerProgress {

    @JsonPropertyDescription("What the trainer is doing.")
    private TrainerStage stage;

    @JsonPropertyDescription("RUNNING, or why the run ended.")
    private TrainerOutcome outcome;

    @JsonPropertyDescription("Human-readable detail, e.g. the failure or the stop reason.")
    private String message;

    @JsonPropertyDescription("Which attempt (pod) of the search reports this.")
    private Integer attempt;

    @JsonPropertyDescription("Epoch, step, loss, accuracies, throughput.")
    private ProgressStatus progress;

    @JsonPropertyDescription("Current most probable architecture.")
    private ArchitectureStatus architecture;

    @JsonPropertyDescription("The trainer's own count of device-seconds, carried across resumes.")
    private AttemptBudget budget;

    @JsonPropertyDescription("Latest checkpoint and the kept history.")
    private CheckpointsStatus checkpoints;

    @JsonPropertyDescription("The exported child, once there is one.")
    private ChildStatus child;

    @JsonPropertyDescription("TE-NAS pruning scores, when pruning ran.")
    private TenasStatus tenas;

    @JsonPropertyDescription("Estimated seconds to the end of the planned epochs.")
    private Double etaSeconds;
}
