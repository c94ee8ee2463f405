package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** What to search, on what data, with which compute budget, and how to serve the result. */
// Rules that need fields of several children sit here. The input sizes (28 px Fashion-MNIST, 32 px CIFAR-10,
// imageFolder.imageSize defaulting to 32) are InputShape's and the presets' layouts SearchSpaceResolver's:
// CEL cannot call Java, so SearchSpaceRulesTest checks these numbers against those classes.
//
// A stride-2 layer halves (rounding up) its input: the k-th one (from 0) sees ceil(S / 2^k) pixels and needs at
// least 2, so a space fits an S px input iff it has at most m stride-2 layers, m = the number of powers of two
// below S. The message names the first layer that does not fit (bound to i through a one-element map).
@ValidationRule(value = "!has(self.dataset) || !has(self.searchSpace) || !has(self.searchSpace.layers)"
        + " || self.searchSpace.layers.filter(l, " + NasSearchSpec.CEL_STRIDE_2 + ").size() <= " + NasSearchSpec.CEL_DOWNSAMPLINGS_THAT_FIT,
        messageExpression = "[self.searchSpace.layers.transformList(i, l, " + NasSearchSpec.CEL_STRIDE_2 + ", i)["
        + NasSearchSpec.CEL_DOWNSAMPLINGS_THAT_FIT + "]].map(i, 'spec.searchSpace.layers[' + " + SearchSpaceSpec.CEL_LAYER_INDEX
        + " + '].stride: the search space does not fit the input images: this layer would downsample a 1x1 feature map;"
        + " use fewer stride-2 layers or larger images')[0]")
// tiny downsamples in its 2 stride-2 layers, shufflenet-imagenet in its stem and 4 stride-2 layers (the last
// of which sees ceil(S / 16) pixels).
@ValidationRule(value = "!has(self.dataset) || !has(self.searchSpace) || !has(self.searchSpace.preset) || has(self.searchSpace.layers)"
        + " || " + NasSearchSpec.CEL_INPUT_SIZE + " > (self.searchSpace.preset == 'shufflenet-imagenet' ? 16 : 2)",
        fieldPath = ".searchSpace.preset",
        message = "the search space does not fit the input images: shufflenet-imagenet needs images larger than 16 px, tiny larger"
        + " than 2 px (its last stride-2 layer would downsample a 1x1 feature map)")
@ValidationRule(value = "!has(self.searchSpace) || (has(self.strategy) && self.strategy != 'DSNAS')"
        + " || (has(self.searchSpace.layers) ? self.searchSpace.layers.exists(l, !has(l.candidates) || size(l.candidates) > 1)"
        + " : (!has(self.searchSpace.candidates) || size(self.searchSpace.candidates) > 1))",
        fieldPath = ".searchSpace",
        message = "every layer offers a single candidate: there is nothing to search; use strategy FIXED to train that one architecture")
@ValidationRule(value = "!has(self.searchSpace) || !has(self.strategy) || self.strategy != 'FIXED'"
        + " || (has(self.searchSpace.layers) ? self.searchSpace.layers.all(l, has(l.candidates) && size(l.candidates) == 1)"
        + " : (has(self.searchSpace.candidates) && size(self.searchSpace.candidates) == 1))",
        fieldPath = ".searchSpace",
        message = "strategy FIXED trains one architecture: give every layer exactly one candidate (searchSpace.candidates with one"
        + " entry for a preset, or one entry in each layer's candidates)")
@ValidationRule(value = "!has(self.strategy) || self.strategy != 'TENAS_DSNAS' || !has(self.tenas) || !has(self.tenas.survivorsPerLayer)"
        + " || self.tenas.survivorsPerLayer >= 2",
        fieldPath = ".tenas.survivorsPerLayer",
        message = "must be at least 2 with strategy TENAS_DSNAS (DSNAS needs a choice); use strategy TENAS to keep one")
// Numbers are spelt by indexing a list of literals: the API server cannot bound the length of string(int), so it
// refuses to concatenate one into a message.
@ValidationRule(value = "!has(self.strategy) || self.strategy != 'TENAS_DSNAS' || !has(self.tenas) || !has(self.tenas.survivorsPerLayer)"
        + " || self.tenas.survivorsPerLayer < 2 || !has(self.searchSpace)"
        + " || (has(self.searchSpace.layers)"
        + " ? self.searchSpace.layers.exists(l, (has(l.candidates) ? size(l.candidates) : 4) > self.tenas.survivorsPerLayer)"
        + " : (has(self.searchSpace.candidates) ? size(self.searchSpace.candidates) : 4) > self.tenas.survivorsPerLayer)",
        fieldPath = ".tenas.survivorsPerLayer",
        messageExpression = "'keeps ' + ['0', '1', '2', '3', '4'][self.tenas.survivorsPerLayer] + ' candidates per layer but no layer"
        + " offers more: TE-NAS would prune nothing; lower it or use strategy DSNAS'")
@JsonInclude(JsonInclude.Include.NON_NULL)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class NasSearchSpec {
    /** CEL: the input's height and width in pixels. */
    static final String CEL_INPUT_SIZE = "(has(self.dataset.imageFolder) ? (has(self.dataset.imageFolder.imageSize)"
            + " ? self.dataset.imageFolder.imageSize : 32) : (has(self.dataset.cifar10) ? 32 : 28))";
    /** CEL: the powers of two below imageFolder.imageSize's maximum (1024). */
    static final String CEL_POWERS_OF_TWO = "[1, 2, 4, 8, 16, 32, 64, 128, 256, 512]";
    /** CEL: how many stride-2 layers an input of CEL_INPUT_SIZE pixels fits (the powers of two below it). */
    static final String CEL_DOWNSAMPLINGS_THAT_FIT = NasSearchSpec.CEL_POWERS_OF_TWO + ".filter(p, p < " + NasSearchSpec.CEL_INPUT_SIZE + ").size()";
    static final String CEL_STRIDE_2 = "has(l.stride) && l.stride == 2";

    @PrinterColumn(name = "Strategy")
    @Default("DSNAS")
    @ValidationRule(value = "self == oldSelf", message = "spec.strategy is immutable: it defines the search; create a new NasSearch to change it")
    @JsonPropertyDescription("Search strategy: DSNAS (default), TENAS or TENAS_DSNAS; FIXED trains the one architecture the search space"
            + " gives (a single candidate per layer) without searching. Immutable.")
    private Strategy strategy;

    @Required
    @ValidationRule(value = "self == oldSelf", message = "spec.dataset is immutable: it defines the search; create a new NasSearch to change it")
    @JsonPropertyDescription("Training data: exactly one of builtin, imageFolder or cifar10. Immutable.")
    private DatasetSpec dataset;

    @Default("{\"preset\":\"tiny\"}")
    @ValidationRule(value = "self == oldSelf", message = "spec.searchSpace is immutable: it defines the search; create a new NasSearch to change it")
    @JsonPropertyDescription("The space of architectures: a preset or explicit layers. Defaults to the tiny preset. Immutable.")
    private SearchSpaceSpec searchSpace;

    @Default("{}")
    @ValidationRule(value = "self == oldSelf", message = "spec.training is immutable: it defines the search; create a new NasSearch to change it")
    @JsonPropertyDescription("Epochs, batch size, optimizers and seed of the search. Immutable.")
    private TrainingSpec training;

    @Default("{}")
    @ValidationRule(value = "self == oldSelf", message = "spec.tenas is immutable: it defines the search; create a new NasSearch to change it")
    @JsonPropertyDescription("Settings of TE-NAS pruning (strategies TENAS and TENAS_DSNAS). Immutable.")
    private TenasSpec tenas;

    @JsonPropertyDescription("Stop early once the derived child network reaches this validation accuracy. May change while running.")
    private TargetSpec target;

    @Required
    @JsonPropertyDescription("Total compute the search may spend (search and child phase, across restarts). May change while running.")
    private BudgetSpec budget;

    @Default("{}")
    @JsonPropertyDescription("Compute for the trainer pod: GPUs, CPU, memory, scheduling and queueing.")
    private ResourcesSpec resources;

    @Default("{}")
    @JsonPropertyDescription("How often checkpoints are written, how many are kept, and their volume.")
    private CheckpointSpec checkpoint;

    @Default("{}")
    @JsonPropertyDescription("Restarts of a failed trainer: each resumes from the latest checkpoint.")
    private RestartPolicySpec restartPolicy;

    @Default("{}")
    @JsonPropertyDescription("Serving of the child network once it exists. May change while running.")
    private ServingSpec serving;

    @Default("false")
    @JsonPropertyDescription("When true the trainer stops after a final checkpoint (phase Suspended); setting it back to false resumes from that checkpoint.")
    private Boolean suspend;

    @Pattern("^\\S+$")
    @JsonPropertyDescription("Trainer image for this search; when empty the operator's configured default image is used. Changes apply from"
            + " the next attempt.")
    private String trainerImage;

    @JsonPropertyDescription("Secrets to pull the trainer image (trainer and serving pods), besides the operator's configured ones"
            + " (the chart's trainer.imagePullSecrets).")
    private List<LocalObjectReference> imagePullSecrets;

    @ValidationRule(value = "self.all(e, !e.name.startsWith('KUBENAS_'))",
            message = "names starting with KUBENAS_ are the trainer's contract with the operator and set by it")
    @JsonPropertyDescription("Extra environment of the trainer and serving containers (e.g. proxies, NCCL or OMP settings). Names starting"
            + " with KUBENAS_ are reserved.")
    private List<EnvVar> env;

    @JsonPropertyDescription("Labels and annotations added to the trainer and serving pods (cost allocation, autoscaler hints such as"
            + " cluster-autoscaler.kubernetes.io/safe-to-evict).")
    private PodMetadataSpec podMetadata;
}
