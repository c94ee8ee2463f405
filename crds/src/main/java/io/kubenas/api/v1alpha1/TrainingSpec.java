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

/** How the supernet (and the child) are trained. */
// has() guards: the API server also checks this rule against the parent's schema default ({}), before
// the fields' own defaults are filled in; on a stored object both fields are always set.
@ValidationRule(value = "!has(self.warmupEpochs) || !has(self.epochs) || self.warmupEpochs < self.epochs", message = "spec.training.warmupEpochs must be less than spec.training.epochs")
@ValidationRule(value = "!has(self.weightOptimizer) || !has(self.weightOptimizer.lrWarmupEpochs) || !has(self.epochs)"
        + " || self.weightOptimizer.lrWarmupEpochs < self.epochs + (has(self.childEpochs) ? self.childEpochs : 0)", fieldPath = ".weightOptimizer.lrWarmupEpochs",
        message = "must be less than the total epochs (spec.training.epochs + spec.training.childEpochs)")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class TrainingSpec {

    @Default("10")
    @Min(1)
    @Max(10000)
    @JsonPropertyDescription("Search epochs over the training split.")
    private Integer epochs;

    @Default("0")
    @Min(0)
    @JsonPropertyDescription("First epochs during which paths are sampled but the architecture parameters are not updated; must be less than epochs.")
    private Integer warmupEpochs;

    @Default("0")
    @Min(0)
    @Max(10000)
    @JsonPropertyDescription("Epochs of the optional child phase: the derived child keeps training from the inherited weights (never re-initialised), inside the same job and budget.")
    private Integer childEpochs;

    @Default("64")
    @Min(1)
    @Max(65536)
    @JsonPropertyDescription("Images per step (per device when several GPUs are used).")
    private Integer batchSize;

    @Min(1)
    @JsonPropertyDescription("Caps the steps of each epoch (for quick trials); all batches when empty.")
    private Integer maxStepsPerEpoch;

    @Default("0.1")
    @Min(0.0)
    @Max(value = 1.0, inclusive = false)
    @JsonPropertyDescription("Label smoothing of the cross-entropy loss.")
    private Double labelSmoothing;

    @Default("42")
    @Min(0)
    @JsonPropertyDescription("Seed of every random choice (weights, sampling, shuffling); CPU runs with the same seed are reproducible.")
    private Long seed;

    @Default("0.3")
    @Min(value = 0.0, inclusive = false)
    @Max(1.0)
    @JsonPropertyDescription("At each epoch start a layer whose top-1 minus top-2 probability is at least this is fixed to its top-1 candidate; 1 disables early fixing.")
    private Double earlyFixThreshold;

    @Default("{}")
    @JsonPropertyDescription("SGD with momentum for the network weights.")
    private WeightOptimizerSpec weightOptimizer;

    @Default("{}")
    @JsonPropertyDescription("Adam for the architecture logits.")
    private ArchitectureOptimizerSpec architectureOptimizer;
}
