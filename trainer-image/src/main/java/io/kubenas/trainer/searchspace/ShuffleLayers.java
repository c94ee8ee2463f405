package io.kubenas.trainer.searchspace;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;

/**
 * The leaf layers of the search space, each with the initialisation of the DSNAS reference code
 * (docs/algorithms.md §1.4): a convolution's weights are N(0, 1/shape[1]) — shape[1] is the input
 * channels per group, so a depthwise kernel gets std 1 — except the very first convolution, N(0, 0.01);
 * the classifier N(0, 0.01); BatchNorm γ = 1 and β = 1e-4.
 */
final class ShuffleLayers {
    /**
     * ε of every BatchNorm during the search. The reference code uses 1e-2: with a candidate sampled on
     * only a fraction of the steps, its batch statistics are noisy and a larger ε keeps the scale tame.
     */
    static final float BATCH_NORM_EPSILON = 1e-2f;

    /** DJL's momentum is the weight of the old running value: 0.9 here is PyTorch's default 0.1. */
    static final float BATCH_NORM_MOMENTUM = 0.9f;

    private static final Initializer FAN_IN_NORMAL =
            (manager, shape, dataType) -> manager.randomNormal(0f, 1f / shape.get(1), shape, dataType, manager.getDevice());

    private ShuffleLayers() {
    }

    /** A bias-free convolution with "same" padding. */
    static Conv2d convolution(int outChannels, int kernel, int stride, int groups) {
        Conv2d conv = Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optGroups(groups)
                .setFilters(outChannels)
                .optBias(false)
                .build();
        conv.setInitializer(FAN_IN_NORMAL, Parameter.Type.WEIGHT);
        return conv;
    }

    /** 1x1 convolution mixing channels. */
    static Conv2d pointwise(int outChannels) {
        return convolution(outChannels, 1, 1, 1);
    }

    /** k×k depthwise convolution: one filter per channel. */
    static Conv2d depthwise(int channels, int kernel, int stride) {
        return convolution(channels, kernel, stride, channels);
    }

    /** The stem's 3x3 convolution, initialised small as the reference's "first" conv. */
    static Conv2d stemConvolution(int outChannels, int stride) {
        Conv2d conv = convolution(outChannels, 3, stride, 1);
        conv.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
        return conv;
    }

    static BatchNorm batchNorm() {
        BatchNorm bn = BatchNorm.builder()
                .optEpsilon(BATCH_NORM_EPSILON)
                .optMomentum(BATCH_NORM_MOMENTUM)
                .build();
        bn.setInitializer(new ConstantInitializer(1f), Parameter.Type.GAMMA);
        bn.setInitializer(new ConstantInitializer(1e-4f), Parameter.Type.BETA);
        return bn;
    }

    /** The classifier: no bias, as in the reference. */
    static Linear classifier(int classes) {
        Linear linear = Linear.builder().setUnits(classes).optBias(false).build();
        linear.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
        return linear;
    }
}
