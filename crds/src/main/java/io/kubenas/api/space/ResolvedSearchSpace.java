package io.kubenas.api.space;

import io.kubenas.api.v1alpha1.Candidate;
import java.util.List;

/**
 * A search space with every channel count, stride and candidate list resolved: the stem, a chain of
 * choice layers, and the classifier tail. The trainer builds its supernet from this, validation checks
 * it, and an exported child records it next to its chosen ops.
 *
 * @param input the input images and classes
 * @param stemChannels output channels of the 3x3 stem convolution
 * @param stemStride stride of the stem convolution (2 only for the ImageNet preset)
 * @param layers the choice layers, in order
 * @param tailChannels output channels of the 1x1 tail convolution
 * @param dropout dropout before the classifier (0 for none)
 */
public record ResolvedSearchSpace(InputShape input, int stemChannels, int stemStride,
        List<ResolvedLayer> layers, int tailChannels, double dropout) {

    public ResolvedSearchSpace {
        layers = List.copyOf(layers);
    }

    /** Channels entering the tail: the last layer's output, or the stem's when there are no layers. */
    public int lastLayerChannels() {
        return layers.isEmpty() ? stemChannels : layers.get(layers.size() - 1).outChannels();
    }

    /** Number of architectures in the space: the product of every layer's candidate count. */
    public double architectureCount() {
        double n = 1;
        for (ResolvedLayer layer : layers) {
            n *= layer.candidates().size();
        }
        return n;
    }

    /** The same space with each layer restricted to the given candidates (one list per layer). */
    public ResolvedSearchSpace restrictedTo(List<List<Candidate>> perLayer) {
        if (perLayer.size() != layers.size()) {
            throw new IllegalArgumentException("expected " + layers.size() + " candidate lists, got " + perLayer.size());
        }
        List<ResolvedLayer> restricted = layers.stream()
                .map(l -> l.withCandidates(perLayer.get(l.index())))
                .toList();
        return new ResolvedSearchSpace(input, stemChannels, stemStride, restricted, tailChannels, dropout);
    }

    /** The same space with the number of classes known (image folders learn it from the data). */
    public ResolvedSearchSpace withClasses(int classes) {
        return new ResolvedSearchSpace(input.withClasses(classes), stemChannels, stemStride, layers, tailChannels, dropout);
    }
}
