package io.kubenas.api.space;

import io.kubenas.api.v1alpha1.Candidate;
import java.util.List;

/**
 * One choice layer with every size known: what the trainer builds and what validation checks.
 *
 * @param index position in the chain, from 0
 * @param inChannels channels entering the layer
 * @param outChannels channels leaving the layer
 * @param stride 1 or 2
 * @param inputSize spatial size (height = width) of the layer's input
 * @param candidates the candidates this layer may choose from, in a fixed order
 */
public record ResolvedLayer(int index, int inChannels, int outChannels, int stride, int inputSize,
        List<Candidate> candidates) {

    public ResolvedLayer {
        candidates = List.copyOf(candidates);
    }

    /** Spatial size of the layer's output (same padding: a stride-2 layer rounds up). */
    public int outputSize() {
        return stride == 1 ? inputSize : (inputSize + 1) / 2;
    }

    /** Channels of each candidate's main branch middle: half the output, as in ShuffleNetV2. */
    public int midChannels() {
        return outChannels / 2;
    }

    /** The same layer offering only {@code keep} (TE-NAS survivors, early fixing). */
    public ResolvedLayer withCandidates(List<Candidate> keep) {
        return new ResolvedLayer(index, inChannels, outChannels, stride, inputSize, keep);
    }
}
