package io.kubenas.trainer.searchspace;

import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.Candidate;

/**
 * Trainable parameters and FLOPs of candidates and whole networks, computed from the resolved sizes
 * without building anything. FLOPs count convolution and classifier multiply-accumulates, the convention
 * of the DSNAS code's FLOPs table (its first ImageNet layer, shuffle3x3 16→64 at 112 px, is 13,396,992);
 * BatchNorm and ReLU are not counted. Parameters count weights, γ and β, not running statistics.
 *
 * @param parameters trainable parameter values
 * @param flops multiply-accumulates for one image
 */
public record NetworkCost(long parameters, long flops) {

    public NetworkCost plus(NetworkCost other) {
        return new NetworkCost(parameters + other.parameters, flops + other.flops);
    }

    /** One candidate of one layer. */
    public static NetworkCost candidate(Candidate candidate, ResolvedLayer layer) {
        int in = layer.inChannels();
        int mid = layer.midChannels();
        int mainIn = ChoiceUnit.mainInputChannels(layer);
        int mainOut = layer.outChannels() - ChoiceUnit.passThroughChannels(layer);
        long inPixels = (long) layer.inputSize() * layer.inputSize();
        long outPixels = (long) layer.outputSize() * layer.outputSize();
        NetworkCost cost;
        if (candidate == Candidate.XCEPTION) {
            cost = depthwise(mainIn, 3, outPixels)
                    .plus(pointwise(mainIn, mid, outPixels))
                    .plus(depthwise(mid, 3, outPixels))
                    .plus(pointwise(mid, mid, outPixels))
                    .plus(depthwise(mid, 3, outPixels))
                    .plus(pointwise(mid, mainOut, outPixels));
        } else {
            int k = ChoiceUnit.kernel(candidate);
            // The first 1x1 runs before the (possibly strided) depthwise conv: at input resolution.
            cost = pointwise(mainIn, mid, inPixels)
                    .plus(depthwise(mid, k, outPixels))
                    .plus(pointwise(mid, mainOut, outPixels));
        }
        if (layer.stride() == 2) {
            cost = cost.plus(depthwise(in, ChoiceUnit.kernel(candidate), outPixels)).plus(pointwise(in, in, outPixels));
        }
        return cost;
    }

    /** Stem, tail and classifier: what every path pays. */
    public static NetworkCost shared(ResolvedSearchSpace space) {
        return stem(space).plus(tail(space)).plus(classifier(space));
    }

    /** The 3x3 stem convolution (with its BatchNorm). */
    public static NetworkCost stem(ResolvedSearchSpace space) {
        long stemPixels = (long) stemOutputSize(space) * stemOutputSize(space);
        return convolution(space.input().channels(), space.stemChannels(), 3, 1, stemPixels);
    }

    /** The 1x1 tail convolution after the last layer (with its BatchNorm). */
    public static NetworkCost tail(ResolvedSearchSpace space) {
        int lastSize = space.layers().isEmpty() ? stemOutputSize(space) : space.layers().get(space.layers().size() - 1).outputSize();
        return pointwise(space.lastLayerChannels(), space.tailChannels(), (long) lastSize * lastSize);
    }

    /** The linear classifier after global pooling. */
    public static NetworkCost classifier(ResolvedSearchSpace space) {
        long classes = space.input().classes();
        return new NetworkCost(space.tailChannels() * classes, space.tailChannels() * classes);
    }

    /** Spatial size of the stem's output (the stem is the only strided part before the layers). */
    public static int stemOutputSize(ResolvedSearchSpace space) {
        return space.stemStride() == 1 ? space.input().size() : (space.input().size() + 1) / 2;
    }

    /** The network that takes candidate {@code path[i]} of each layer. */
    public static NetworkCost ofPath(ResolvedSearchSpace space, int[] path) {
        NetworkCost total = shared(space);
        for (ResolvedLayer layer : space.layers()) {
            total = total.plus(candidate(layer.candidates().get(path[layer.index()]), layer));
        }
        return total;
    }

    /** Every candidate of every layer, plus the shared parts: the supernet. */
    public static NetworkCost ofSupernet(ResolvedSearchSpace space) {
        NetworkCost total = shared(space);
        for (ResolvedLayer layer : space.layers()) {
            for (Candidate c : layer.candidates()) {
                total = total.plus(candidate(c, layer));
            }
        }
        return total;
    }

    /** FLOPs of candidate c on layer i, for the optional FLOPs term of the search. */
    public static double[][] candidateFlops(ResolvedSearchSpace space) {
        double[][] flops = new double[space.layers().size()][];
        for (ResolvedLayer layer : space.layers()) {
            flops[layer.index()] = layer.candidates().stream().mapToDouble(c -> candidate(c, layer).flops()).toArray();
        }
        return flops;
    }

    private static NetworkCost depthwise(int channels, int kernel, long outPixels) {
        return convolution(channels, channels, kernel, channels, outPixels);
    }

    private static NetworkCost pointwise(int in, int out, long outPixels) {
        return convolution(in, out, 1, 1, outPixels);
    }

    /** A bias-free convolution followed by a BatchNorm (γ and β per output channel). */
    private static NetworkCost convolution(int in, int out, int kernel, int groups, long outPixels) {
        long weights = (long) out * (in / groups) * kernel * kernel;
        return new NetworkCost(weights + 2L * out, weights * outPixels);
    }
}
