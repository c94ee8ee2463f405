package io.kubenas.trainer.child;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.trainer.data.Normalization;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code architecture.json} of an exported child: everything needed to rebuild the network and to use it
 * the way it was trained, apart from the weights.
 *
 * @param formatVersion {@link ChildManifest#FORMAT_VERSION} when written
 * @param name the default model name when serving (e.g. the NasSearch's name); optional
 * @param dataset the dataset it was trained on (e.g. {@code fashion-mnist}); optional, informative
 * @param space the resolved search space the child was derived from (input shape, channels, strides, candidates)
 * @param ops the chosen candidate of each layer, by wire name (e.g. {@code shuffle3x3}), one per layer
 * @param classNames one name per class in label order; optional (labels are then their indices)
 * @param normalization per-channel mean and std applied to [0, 1] pixels during training
 * @param accuracy accuracy on {@code accuracySplit}; optional
 * @param accuracySplit which split {@code accuracy} was measured on (e.g. {@code test}); optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChildArchitecture(int formatVersion, String name, String dataset, ResolvedSearchSpace space, List<String> ops,
        List<String> classNames, Normalization normalization, Double accuracy, String accuracySplit) {

    public ChildArchitecture {
        ops = ops == null ? null : List.copyOf(ops);
        classNames = classNames == null ? null : List.copyOf(classNames);
    }

    /**
     * Checks what the constructor cannot (Jackson builds the record before anything is known to be there).
     *
     * @throws InvalidChildException naming the first inconsistency
     */
    public ChildArchitecture validated() throws InvalidChildException {
        if (formatVersion > ChildManifest.FORMAT_VERSION) {
            throw new InvalidChildException("architecture.json has format version " + formatVersion + ", newer than this server's "
                    + ChildManifest.FORMAT_VERSION + ": serve it with a newer kubenas");
        }
        if (space == null || space.input() == null) {
            throw new InvalidChildException("architecture.json has no \"space\" with an \"input\"");
        }
        InputShape input = space.input();
        if (input.channels() < 1 || input.size() < 1) {
            throw new InvalidChildException("architecture.json: input " + input.channels() + "x" + input.size() + "x" + input.size() + " is not an image shape");
        }
        if (input.classes() < 2) {
            throw new InvalidChildException("architecture.json: the input has " + input.classes() + " classes; a classifier needs at least 2");
        }
        if (ops == null || ops.size() != space.layers().size()) {
            throw new InvalidChildException("architecture.json: \"ops\" must name one candidate per layer (" + space.layers().size()
                    + " layers), got " + ops);
        }
        chosenCandidates();
        if (classNames != null && classNames.size() != input.classes()) {
            throw new InvalidChildException("architecture.json: " + classNames.size() + " class names for " + input.classes() + " classes");
        }
        if (normalization == null) {
            throw new InvalidChildException("architecture.json has no \"normalization\" (mean and std per channel)");
        }
        if (normalization.channels() != input.channels()) {
            throw new InvalidChildException("architecture.json: normalization has " + normalization.channels() + " channels, the input "
                    + input.channels());
        }
        return this;
    }

    /** The chosen candidate of each layer, checked to be one that layer offers. */
    @JsonIgnore
    public List<Candidate> chosenCandidates() throws InvalidChildException {
        List<Candidate> chosen = new ArrayList<>(ops.size());
        for (ResolvedLayer layer : space.layers()) {
            String op = ops.get(layer.index());
            Candidate candidate = Candidate.fromWireName(op);
            if (candidate == null || !layer.candidates().contains(candidate)) {
                throw new InvalidChildException("architecture.json: layer " + layer.index() + " chose \"" + op + "\", which is not one of its candidates "
                        + layer.candidates().stream().map(Candidate::wireName).toList());
            }
            chosen.add(candidate);
        }
        return chosen;
    }

    /** The child as a space with exactly one candidate per layer: what {@code ChildNetwork} is built from. */
    @JsonIgnore
    public ResolvedSearchSpace childSpace() throws InvalidChildException {
        return space.restrictedTo(chosenCandidates().stream().map(List::of).toList());
    }

    /** Class names, or {@code "0".."n-1"} when the dataset has none. */
    @JsonIgnore
    public List<String> classNamesOrIndices() {
        return classNames != null ? classNames : IntStream.range(0, space.input().classes()).mapToObj(Integer::toString).toList();
    }
}
