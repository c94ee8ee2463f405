package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Observed state of a NasSearch, written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class NasSearchStatus {

    @PrinterColumn(name = "Phase")
    @JsonPropertyDescription("Lifecycle phase: Pending, Pruning, Searching, Promoting, Serving, Succeeded, Failed, BudgetExhausted or Suspended.")
    private Phase phase;

    @JsonPropertyDescription("The metadata.generation of the spec this status describes.")
    private Long observedGeneration;

    @JsonPropertyDescription("Valid, Progressing, Ready and others, each with observedGeneration and lastTransitionTime.")
    private List<Condition> conditions;

    @JsonPropertyDescription("Where the trainer is: epoch, step, loss, accuracies, throughput.")
    private ProgressStatus progress;

    @JsonPropertyDescription("The current most probable architecture and its probabilities.")
    private ArchitectureStatus architecture;

    @JsonPropertyDescription("Compute used so far against the budget.")
    private BudgetStatus budget;

    @JsonPropertyDescription("The latest checkpoint and the kept history.")
    private CheckpointsStatus checkpoints;

    @JsonPropertyDescription("Trainer attempts, restarts, evictions and the last failure.")
    private AttemptsStatus attempts;

    @JsonPropertyDescription("The exported child network.")
    private ChildStatus child;

    @JsonPropertyDescription("The serving Deployment and Service of the child.")
    private ServingStatus serving;

    @JsonPropertyDescription("TE-NAS pruning scores, when a TE-NAS strategy ran.")
    private TenasStatus tenas;
}
