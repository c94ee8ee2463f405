package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.Objects;

/** Training progress as last reported by the trainer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProgressStatus {

    /** What the trainer is doing: Pruning, Searching, ChildTraining, Evaluating or Exported. */
    @JsonPropertyDescription("What the trainer is doing: Pruning, Searching, ChildTraining, Evaluating or Exported.")
    private String stage;

    /** Current epoch (1-based; search and child phase counted together). */
    @PrinterColumn(name = "Epoch")
    @JsonPropertyDescription("Current epoch (1-based; search and child phase counted together).")
    private Integer epoch;

    /** Epochs planned in total (search plus child phase). */
    @JsonPropertyDescription("Epochs planned in total (search plus child phase).")
    private Integer totalEpochs;

    /** Optimisation steps done so far. */
    @JsonPropertyDescription("Optimisation steps done so far.")
    private Long step;

    /** Recent training loss (moving average). */
    @JsonPropertyDescription("Recent training loss (moving average).")
    private Double loss;

    /** Validation accuracy of the derived child at the last evaluation. */
    @JsonPropertyDescription("Validation accuracy of the derived child at the last evaluation.")
    private Double validationAccuracy;

    /** Best validation accuracy of the derived child so far. */
    @PrinterColumn(name = "Accuracy")
    @JsonPropertyDescription("Best validation accuracy of the derived child so far.")
    private Double bestAccuracy;

    /** Training throughput. */
    @JsonPropertyDescription("Training throughput.")
    private Double imagesPerSecond;

    /** When the trainer reported this (RFC 3339). */
    @JsonPropertyDescription("When the trainer reported this (RFC 3339).")
    private String updatedAt;

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    public ProgressStatus withStage(String stage) {
        this.stage = stage;
        return this;
    }

    public Integer getEpoch() {
        return epoch;
    }

    public void setEpoch(Integer epoch) {
        this.epoch = epoch;
    }

    public ProgressStatus withEpoch(Integer epoch) {
        this.epoch = epoch;
        return this;
    }

    public Integer getTotalEpochs() {
        return totalEpochs;
    }

    public void setTotalEpochs(Integer totalEpochs) {
        this.totalEpochs = totalEpochs;
    }

    public ProgressStatus withTotalEpochs(Integer totalEpochs) {
        this.totalEpochs = totalEpochs;
        return this;
    }

    public Long getStep() {
        return step;
    }

    public void setStep(Long step) {
        this.step = step;
    }

    public ProgressStatus withStep(Long step) {
        this.step = step;
        return this;
    }

    public Double getLoss() {
        return loss;
    }

    public void setLoss(Double loss) {
        this.loss = loss;
    }

    public ProgressStatus withLoss(Double loss) {
        this.loss = loss;
        return this;
    }

    public Double getValidationAccuracy() {
        return validationAccuracy;
    }

    public void setValidationAccuracy(Double validationAccuracy) {
        this.validationAccuracy = validationAccuracy;
    }

    public ProgressStatus withValidationAccuracy(Double validationAccuracy) {
        this.validationAccuracy = validationAccuracy;
        return this;
    }

    public Double getBestAccuracy() {
        return bestAccuracy;
    }

    public void setBestAccuracy(Double bestAccuracy) {
        this.bestAccuracy = bestAccuracy;
    }

    public ProgressStatus withBestAccuracy(Double bestAccuracy) {
        this.bestAccuracy = bestAccuracy;
        return this;
    }

    public Double getImagesPerSecond() {
        return imagesPerSecond;
    }

    public void setImagesPerSecond(Double imagesPerSecond) {
        this.imagesPerSecond = imagesPerSecond;
    }

    public ProgressStatus withImagesPerSecond(Double imagesPerSecond) {
        this.imagesPerSecond = imagesPerSecond;
        return this;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    public ProgressStatus withUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ProgressStatus that)) {
            return false;
        }
        return Objects.equals(stage, that.stage) && Objects.equals(epoch, that.epoch) && Objects.equals(totalEpochs, that.totalEpochs) && Objects.equals(step, that.step) && Objects.equals(loss, that.loss) && Objects.equals(validationAccuracy, that.validationAccuracy) && Objects.equals(bestAccuracy, that.bestAccuracy) && Objects.equals(imagesPerSecond, that.imagesPerSecond) && Objects.equals(updatedAt, that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, epoch, totalEpochs, step, loss, validationAccuracy, bestAccuracy, imagesPerSecond, updatedAt);
    }

    @Override
    public String toString() {
        return "ProgressStatus{" + "stage=" + stage + ", " + "epoch=" + epoch + ", " + "totalEpochs=" + totalEpochs + ", " + "step=" + step + ", " + "loss=" + loss + ", " + "validationAccuracy=" + validationAccuracy + ", " + "bestAccuracy=" + bestAccuracy + ", " + "imagesPerSecond=" + imagesPerSecond + ", " + "updatedAt=" + updatedAt + "}";
    }
}
