package io.kubenas.api.progress.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubenas.api.progress.TrainerStage;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** The state at the end of one epoch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class EpochRecord {
    @JsonPropertyDescription("The epoch that ended, from 1 (search and child phase counted together).")
    private Integer epoch;

    @JsonPropertyDescription("SEARCHING or CHILD_TRAINING: what the epoch trained.")
    private TrainerStage stage;

    @JsonPropertyDescription("The attempt that finished the epoch.")
    private Integer attempt;

    @JsonPropertyDescription("Optimisation steps done when it ended.")
    private Long step;

    @JsonPropertyDescription("Mean training loss over the epoch's steps.")
    private Double trainingLoss;

    @JsonPropertyDescription("Validation accuracy of the derived child (or of the child, in the child phase) at the epoch end.")
    private Double validationAccuracy;

    @JsonPropertyDescription("Device-seconds used over every attempt when the epoch ended.")
    private Double deviceSeconds;

    @JsonPropertyDescription("Wall seconds used over every attempt when the epoch ended.")
    private Double wallSeconds;

    @JsonPropertyDescription("Training images per second over the epoch's steps.")
    private Double imagesPerSecond;

    @JsonPropertyDescription("When it ended (RFC 3339).")
    private String time;

    @JsonPropertyDescription("The architecture distribution per layer at the epoch end, in layer order.")
    private List<LayerAlpha> layers;
}
