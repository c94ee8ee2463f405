package io.kubenas.trainer.searchspace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.v1alpha1.Candidate;
import java.util.List;

/**
 * One candidate of a choice layer: a ShuffleNetV2 unit (docs/algorithms.md §1.3).
 *
 * <ul>
 *   <li>Stride 1: the even input channels pass through untouched, the odd ones go through the main branch,
 *   output = concat(pass-through, main). Taking even/odd rather than first/second half is the channel
 *   shuffle of ShuffleNetV2: the previous unit wrote [pass-through, main] side by side, so interleaving
 *   mixes both halves into the next unit's main branch.</li>
 *   <li>Stride 2: both branches see the whole input; the projection branch keeps the input's channel count
 *   and the main branch makes up the rest of the output channels.</li>
 * </ul>
 * Every unit owns its BatchNorms, so a candidate's running statistics only move when it runs.
 */
public final class ChoiceUnit extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Candidate candidate;
    private final ResolvedLayer layer;
    private final Branch main;
    private final Branch projection;
    private List<Parameter> parameters;

    ChoiceUnit(Candidate candidate, ResolvedLayer layer, ReluTap tap) {
        super(VERSION);
        if (layer.inChannels() % 2 != 0) {
            throw new IllegalArgumentException("layer " + layer.index() + ": input channels must be even to split, got " + layer.inChannels());
        }
        this.candidate = candidate;
        this.layer = layer;
        int mid = layer.midChannels();
        int mainIn = mainInputChannels(layer);
        int mainOut = layer.outChannels() - passThroughChannels(layer);
        if (mainOut <= 0) {
            throw new IllegalArgumentException("layer " + layer.index() + ": " + layer.outChannels() + " output channels leave none for the main branch");
        }
        this.main = addChildBlock("main", mainBranch(candidate, mainIn, mid, mainOut, layer.stride(), tap));
        this.projection = layer.stride() == 2
                ? addChildBlock("projection", projectionBranch(kernel(candidate), layer.inChannels(), tap))
                : null;
    }

    public Candidate candidate() {
        return candidate;
    }

    public ResolvedLayer layer() {
        return layer;
    }

    /** Channels that skip the main branch: the even half at stride 1, the projection's output at stride 2. */
    static int passThroughChannels(ResolvedLayer layer) {
        return layer.stride() == 1 ? layer.inChannels() / 2 : layer.inChannels();
    }

    static int mainInputChannels(ResolvedLayer layer) {
        return layer.stride() == 1 ? layer.inChannels() / 2 : layer.inChannels();
    }

    /** The depthwise kernel of a candidate (xception stacks three 3x3). */
    static int kernel(Candidate candidate) {
        return switch (candidate) {
            case SHUFFLE_3X3, XCEPTION -> 3;
            case SHUFFLE_5X5 -> 5;
            case SHUFFLE_7X7 -> 7;
        };
    }

    private static Branch mainBranch(Candidate candidate, int in, int mid, int out, int stride, ReluTap tap) {
        Branch b = new Branch(tap);
        if (candidate == Candidate.XCEPTION) {
            // Three depthwise 3x3 -> 1x1 stages; the first carries the stride.
            return b.add(ShuffleLayers.depthwise(in, 3, stride), false).add(ShuffleLayers.batchNorm(), false)
                    .add(ShuffleLayers.pointwise(mid), false).add(ShuffleLayers.batchNorm(), true)
                    .add(ShuffleLayers.depthwise(mid, 3, 1), false).add(ShuffleLayers.batchNorm(), false)
                    .add(ShuffleLayers.pointwise(mid), false).add(ShuffleLayers.batchNorm(), true)
                    .add(ShuffleLayers.depthwise(mid, 3, 1), false).add(ShuffleLayers.batchNorm(), false)
                    .add(ShuffleLayers.pointwise(out), false).add(ShuffleLayers.batchNorm(), true);
        }
        int k = kernel(candidate);
        return b.add(ShuffleLayers.pointwise(mid), false).add(ShuffleLayers.batchNorm(), true)
                .add(ShuffleLayers.depthwise(mid, k, stride), false).add(ShuffleLayers.batchNorm(), false)
                .add(ShuffleLayers.pointwise(out), false).add(ShuffleLayers.batchNorm(), true);
    }

    private static Branch projectionBranch(int kernel, int channels, ReluTap tap) {
        return new Branch(tap)
                .add(ShuffleLayers.depthwise(channels, kernel, 2), false).add(ShuffleLayers.batchNorm(), false)
                .add(ShuffleLayers.pointwise(channels), false).add(ShuffleLayers.batchNorm(), true);
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        if (projection == null) {
            // [B, C, H, W] -> [B, C/2, 2, H, W]: index 0 on axis 2 = even channels, 1 = odd channels.
            Shape s = x.getShape();
            NDArray pairs = x.reshape(s.get(0), s.get(1) / 2, 2, s.get(2), s.get(3));
            NDArray passThrough = pairs.get(":, :, 0");
            NDArray mainOut = main.apply(store, pairs.get(":, :, 1"), training);
            return NDArrays.concat(new NDList(passThrough, mainOut), 1);
        }
        return NDArrays.concat(new NDList(projection.apply(store, x, training), main.apply(store, x, training)), 1);
    }

    /** The unit's parameters (weights, γ, β and running statistics), cached. */
    public List<Parameter> parameterList() {
        if (parameters == null) {
            parameters = List.copyOf(getParameters().values());
        }
        return parameters;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(store, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), layer.outChannels(), layer.outputSize(), layer.outputSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        main.initialize(manager, dataType, new Shape(in.get(0), mainInputChannels(layer), in.get(2), in.get(3)));
        if (projection != null) {
            projection.initialize(manager, dataType, in);
        }
    }
}
