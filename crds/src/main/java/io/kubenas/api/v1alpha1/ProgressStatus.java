package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Training progress as last reported by the trainer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class ProgressStatus {

    @JsonPropertyDescription("What the trainer is doing: Pruning, Searching, ChildTraining, Evaluating or Exported.")
    private String stage;

    @PrinterColumn(name = "Epoch")
    @JsonPropertyDescription("Current epoch (1-based; search and child phase counted together).")
    private Integer epoch;

    @JsonPropertyDescription("Epochs planned in total (search plus child phase).")
    private Integer totalEpochs;

    @JsonPropertyDescription("Optimisation steps done so far.")
    private Long step;

    @JsonPropertyDescription("Recent training loss (moving average).")
    private Double loss;

    @JsonPropertyDescription("Validation accuracy of the derived child at the last evaluation.")
    private Double validationAccuracy;

    @PrinterColumn(name = "Accuracy")
    @JsonPropertyDescription("Best validation accuracy of the derived child so far.")
    private Double bestAccuracy;

    @JsonPropertyDescription("Training throughput.")
    private Double imagesPerSecond;

    @JsonPropertyDescription("When the trainer reported this (RFC 3339).")
    private String updatedAt;
}
