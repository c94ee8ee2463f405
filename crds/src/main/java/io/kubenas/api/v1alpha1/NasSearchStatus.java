package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;

/** Observed state of a NasSearch, written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NasSearchStatus {

    /**
     * Lifecycle phase: Pending, Pruning, Searching, Promoting, Serving, Succeeded, Failed,
     * BudgetExhausted or Suspended.
     */
    @PrinterColumn(name = "Phase")
    @JsonPropertyDescription("Lifecycle phase: Pending, Pruning, Searching, Promoting, Serving, Succeeded, Failed, BudgetExhausted or Suspended.")
    private Phase phase;

    /** The metadata.generation of the spec this status describes. */
    @JsonPropertyDescription("The metadata.generation of the spec this status describes.")
    private Long observedGeneration;

    /** Valid, Progressing, Ready and others, each with observedGeneration and lastTransitionTime. */
    @JsonPropertyDescription("Valid, Progressing, Ready and others, each with observedGeneration and lastTransitionTime.")
    private List<Condition> conditions;

    /** Where the trainer is: epoch, step, loss, accuracies, throughput. */
    @JsonPropertyDescription("Where the trainer is: epoch, step, loss, accuracies, throughput.")
    private ProgressStatus progress;

    /** The current most probable architecture and its probabilities. */
    @JsonPropertyDescription("The current most probable architecture and its probabilities.")
    private ArchitectureStatus architecture;

    /** Compute used so far against the budget. */
    @JsonPropertyDescription("Compute used so far against the budget.")
    private BudgetStatus budget;

    /** The latest checkpoint and the kept history. */
    @JsonPropertyDescription("The latest checkpoint and the kept history.")
    private CheckpointsStatus checkpoints;

    /** Trainer attempts, restarts, evictions and the last failure. */
    @JsonPropertyDescription("Trainer attempts, restarts, evictions and the last failure.")
    private AttemptsStatus attempts;

    /** The exported child network. */
    @JsonPropertyDescription("The exported child network.")
    private ChildStatus child;

    /** The serving Deployment and Service of the child. */
    @JsonPropertyDescription("The serving Deployment and Service of the child.")
    private ServingStatus serving;

    /** TE-NAS pruning scores, when a TE-NAS strategy ran. */
    @JsonPropertyDescription("TE-NAS pruning scores, when a TE-NAS strategy ran.")
    private TenasStatus tenas;

    public Phase getPhase() {
        return phase;
    }

    public void setPhase(Phase phase) {
        this.phase = phase;
    }

    public NasSearchStatus withPhase(Phase phase) {
        this.phase = phase;
        return this;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public NasSearchStatus withObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
        return this;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public NasSearchStatus withConditions(List<Condition> conditions) {
        this.conditions = conditions;
        return this;
    }

    public ProgressStatus getProgress() {
        return progress;
    }

    public void setProgress(ProgressStatus progress) {
        this.progress = progress;
    }

    public NasSearchStatus withProgress(ProgressStatus progress) {
        this.progress = progress;
        return this;
    }

    public ArchitectureStatus getArchitecture() {
        return architecture;
    }

    public void setArchitecture(ArchitectureStatus architecture) {
        this.architecture = architecture;
    }

    public NasSearchStatus withArchitecture(ArchitectureStatus architecture) {
        this.architecture = architecture;
        return this;
    }

    public BudgetStatus getBudget() {
        return budget;
    }

    public void setBudget(BudgetStatus budget) {
        this.budget = budget;
    }

    public NasSearchStatus withBudget(BudgetStatus budget) {
        this.budget = budget;
        return this;
    }

    public CheckpointsStatus getCheckpoints() {
        return checkpoints;
    }

    public void setCheckpoints(CheckpointsStatus checkpoints) {
        this.checkpoints = checkpoints;
    }

    public NasSearchStatus withCheckpoints(CheckpointsStatus checkpoints) {
        this.checkpoints = checkpoints;
        return this;
    }

    public AttemptsStatus getAttempts() {
        return attempts;
    }

    public void setAttempts(AttemptsStatus attempts) {
        this.attempts = attempts;
    }

    public NasSearchStatus withAttempts(AttemptsStatus attempts) {
        this.attempts = attempts;
        return this;
    }

    public ChildStatus getChild() {
        return child;
    }

    public void setChild(ChildStatus child) {
        this.child = child;
    }

    public NasSearchStatus withChild(ChildStatus child) {
        this.child = child;
        return this;
    }

    public ServingStatus getServing() {
        return serving;
    }

    public void setServing(ServingStatus serving) {
        this.serving = serving;
    }

    public NasSearchStatus withServing(ServingStatus serving) {
        this.serving = serving;
        return this;
    }

    public TenasStatus getTenas() {
        return tenas;
    }

    public void setTenas(TenasStatus tenas) {
        this.tenas = tenas;
    }

    public NasSearchStatus withTenas(TenasStatus tenas) {
        this.tenas = tenas;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NasSearchStatus that)) {
            return false;
        }
        return Objects.equals(phase, that.phase) && Objects.equals(observedGeneration, that.observedGeneration) && Objects.equals(conditions, that.conditions) && Objects.equals(progress, that.progress) && Objects.equals(architecture, that.architecture) && Objects.equals(budget, that.budget) && Objects.equals(checkpoints, that.checkpoints) && Objects.equals(attempts, that.attempts) && Objects.equals(child, that.child) && Objects.equals(serving, that.serving) && Objects.equals(tenas, that.tenas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, observedGeneration, conditions, progress, architecture, budget, checkpoints, attempts, child, serving, tenas);
    }

    @Override
    public String toString() {
        return "NasSearchStatus{" + "phase=" + phase + ", " + "observedGeneration=" + observedGeneration + ", " + "conditions=" + conditions + ", " + "progress=" + progress + ", " + "architecture=" + architecture + ", " + "budget=" + budget + ", " + "checkpoints=" + checkpoints + ", " + "attempts=" + attempts + ", " + "child=" + child + ", " + "serving=" + serving + ", " + "tenas=" + tenas + "}";
    }
}
