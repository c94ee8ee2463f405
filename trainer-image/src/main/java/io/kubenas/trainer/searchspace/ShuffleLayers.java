package io.kubenas.trainer.searchspace;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;

/**
 * The leaf layers of the search space, initialised as PyTorch initialises its layers by default: convolution and
 * linear weights uniform in ±1/√fan-in (Kaiming-uniform with a = √5), BatchNorm γ = 1 and β = 0.
 *
 * <p>Not the DSNAS reference code's initialisation (convolutions N(0, 1/shape[1]), so depthwise kernels get std 1;
 * the first convolution and the classifier N(0, 0.01); β = 1e-4), which docs/algorithms.md §1 describes: on
 * Fashion-MNIST at 16 epochs, everything else equal, PyTorch's defaults gave native PyTorch 1.4 points more test
 * accuracy and this trainer 0.3 (docs/benchmarks.md, "The recipe, one factor at a time"); the specification's
 * prototype figures and the independent implementation it is compared with use them.
 */
final class ShuffleLayers {
    /**
     * ε of every BatchNorm during the search. The reference code uses 1e-2: with a candidate sampled on
     * only a fraction of the steps, its batch statistics are noisy and a larger ε keeps the scale tame.
     */
    static final float BATCH_NORM_EPSILON = 1e-2f;

    /** DJL's momentum is the weight of the old running value: 0.9 here is PyTorch's default 0.1. */
    static final float BATCH_NORM_MOMENTUM = 0.9f;

    /**
     * Uniform in ±1/√fan-in, fan-in = shape[1] × the kernel's area (shape[1] is the input channels per group, so a
     * depthwise kernel's fan-in is its area alone).
     */
    private static final Initializer FAN_IN_UNIFORM = (manager, shape, dataType) -> {
        long fanIn = shape.get(1);
        for (int d = 2; d < shape.dimension(); d++) {
            fanIn *= shape.get(d);
        }
        float bound = (float) (1 / Math.sqrt(fanIn));
        return manager.randomUniform(-bound, bound, shape, dataType, manager.getDevice());
    };

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
        conv.setInitializer(FAN_IN_UNIFORM, Parameter.Type.WEIGHT);
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

    /** The stem's 3x3 convolution. */
    static Conv2d stemConvolution(int outChannels, int stride) {
        return convolution(outChannels, 3, stride, 1);
    }

    static BatchNorm batchNorm() {
        BatchNorm bn = BatchNorm.builder()
                .optEpsilon(BATCH_NORM_EPSILON)
                .optMomentum(BATCH_NORM_MOMENTUM)
                .build();
        bn.setInitializer(new ConstantInitializer(1f), Parameter.Type.GAMMA);
        bn.setInitializer(Initializer.ZEROS, Parameter.Type.BETA);
        return bn;
    }

    /** The classifier: no bias, as in the reference. */
    static Linear classifier(int classes) {
        Linear linear = Linear.builder().setUnits(classes).optBias(false).build();
        linear.setInitializer(FAN_IN_UNIFORM, Parameter.Type.WEIGHT);
        return linear;
    }
}
