package io.kubenas.api.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubenas.api.v1alpha1.ArchitectureStatus;
import io.kubenas.api.v1alpha1.BudgetStatus;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.ProgressStatus;
import io.kubenas.api.v1alpha1.TenasStatus;
import java.util.Objects;

/**
 * What the trainer pushes into its progress ConfigMap, writes to progress.json in its work dir and
 * (as the final summary) to /dev/termination-log. Reuses the status types so the operator copies,
 * never translates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainerProgress {

    /** What the trainer is doing. */
    @JsonPropertyDescription("What the trainer is doing.")
    private TrainerStage stage;

    /** RUNNING, or why the run ended. */
    @JsonPropertyDescription("RUNNING, or why the run ended.")
    private TrainerOutcome outcome;

    /** Human-readable detail, e.g. the failure or the stop reason. */
    @JsonPropertyDescription("Human-readable detail, e.g. the failure or the stop reason.")
    private String message;

    /** Which attempt (pod) of the search reports this. */
    @JsonPropertyDescription("Which attempt (pod) of the search reports this.")
    private Integer attempt;

    /** Epoch, step, loss, accuracies, throughput. */
    @JsonPropertyDescription("Epoch, step, loss, accuracies, throughput.")
    private ProgressStatus progress;

    /** Current most probable architecture. */
    @JsonPropertyDescription("Current most probable architecture.")
    private ArchitectureStatus architecture;

    /** The trainer's own count of device-seconds, carried across resumes. */
    @JsonPropertyDescription("The trainer's own count of device-seconds, carried across resumes.")
    private BudgetStatus budget;

    /** Latest checkpoint and the kept history. */
    @JsonPropertyDescription("Latest checkpoint and the kept history.")
    private CheckpointsStatus checkpoints;

    /** The exported child, once there is one. */
    @JsonPropertyDescription("The exported child, once there is one.")
    private ChildStatus child;

    /** TE-NAS pruning scores, when pruning ran. */
    @JsonPropertyDescription("TE-NAS pruning scores, when pruning ran.")
    private TenasStatus tenas;

    /** Estimated seconds to the end of the planned epochs. */
    @JsonPropertyDescription("Estimated seconds to the end of the planned epochs.")
    private Double etaSeconds;

    public TrainerStage getStage() {
        return stage;
    }

    public void setStage(TrainerStage stage) {
        this.stage = stage;
    }

    public TrainerProgress withStage(TrainerStage stage) {
        this.stage = stage;
        return this;
    }

    public TrainerOutcome getOutcome() {
        return outcome;
    }

    public void setOutcome(TrainerOutcome outcome) {
        this.outcome = outcome;
    }

    public TrainerProgress withOutcome(TrainerOutcome outcome) {
        this.outcome = outcome;
        return this;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public TrainerProgress withMessage(String message) {
        this.message = message;
        return this;
    }

    public Integer getAttempt() {
        return attempt;
    }

    public void setAttempt(Integer attempt) {
        this.attempt = attempt;
    }

    public TrainerProgress withAttempt(Integer attempt) {
        this.attempt = attempt;
        return this;
    }

    public ProgressStatus getProgress() {
        return progress;
    }

    public void setProgress(ProgressStatus progress) {
        this.progress = progress;
    }

    public TrainerProgress withProgress(ProgressStatus progress) {
        this.progress = progress;
        return this;
    }

    public ArchitectureStatus getArchitecture() {
        return architecture;
    }

    public void setArchitecture(ArchitectureStatus architecture) {
        this.architecture = architecture;
    }

    public TrainerProgress withArchitecture(ArchitectureStatus architecture) {
        this.architecture = architecture;
        return this;
    }

    public BudgetStatus getBudget() {
        return budget;
    }

    public void setBudget(BudgetStatus budget) {
        this.budget = budget;
    }

    public TrainerProgress withBudget(BudgetStatus budget) {
        this.budget = budget;
        return this;
    }

    public CheckpointsStatus getCheckpoints() {
        return checkpoints;
    }

    public void setCheckpoints(CheckpointsStatus checkpoints) {
        this.checkpoints = checkpoints;
    }

    public TrainerProgress withCheckpoints(CheckpointsStatus checkpoints) {
        this.checkpoints = checkpoints;
        return this;
    }

    public ChildStatus getChild() {
        return child;
    }

    public void setChild(ChildStatus child) {
        this.child = child;
    }

    public TrainerProgress withChild(ChildStatus child) {
        this.child = child;
        return this;
    }

    public TenasStatus getTenas() {
        return tenas;
    }

    public void setTenas(TenasStatus tenas) {
        this.tenas = tenas;
    }

    public TrainerProgress withTenas(TenasStatus tenas) {
        this.tenas = tenas;
        return this;
    }

    public Double getEtaSeconds() {
        return etaSeconds;
    }

    public void setEtaSeconds(Double etaSeconds) {
        this.etaSeconds = etaSeconds;
    }

    public TrainerProgress withEtaSeconds(Double etaSeconds) {
        this.etaSeconds = etaSeconds;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TrainerProgress that)) {
            return false;
        }
        return Objects.equals(stage, that.stage) && Objects.equals(outcome, that.outcome) && Objects.equals(message, that.message) && Objects.equals(attempt, that.attempt) && Objects.equals(progress, that.progress) && Objects.equals(architecture, that.architecture) && Objects.equals(budget, that.budget) && Objects.equals(checkpoints, that.checkpoints) && Objects.equals(child, that.child) && Objects.equals(tenas, that.tenas) && Objects.equals(etaSeconds, that.etaSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, outcome, message, attempt, progress, architecture, budget, checkpoints, child, tenas, etaSeconds);
    }

    @Override
    public String toString() {
        return "TrainerProgress{" + "stage=" + stage + ", " + "outcome=" + outcome + ", " + "message=" + message + ", " + "attempt=" + attempt + ", " + "progress=" + progress + ", " + "architecture=" + architecture + ", " + "budget=" + budget + ", " + "checkpoints=" + checkpoints + ", " + "child=" + child + ", " + "tenas=" + tenas + ", " + "etaSeconds=" + etaSeconds + "}";
    }
}
