package io.kubenas.trainer.serve;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import io.kubenas.trainer.serve.model.ChildNetworkFactory;

/**
 * A real, small DJL classifier for the server's tests: conv 3x3 → batch norm → ReLU → flatten → linear,
 * returning logits. Weights come from a seeded generator, so every test (and every worker) sees the same
 * network; its predictions depend on the image, unlike a fake returning constants.
 */
final class TinyNetwork {
    static final int FILTERS = 4;

    private TinyNetwork() {
    }

    /** The uninitialised block, as a {@link ChildNetworkFactory} returns it. */
    static Block block(int classes) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(FILTERS).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** An initialised block with seeded weights. */
    static Block trained(NDManager manager, int channels, int size, int classes, long seed) {
        Block block = block(classes);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, channels, size, size));
        SplitMix random = new SplitMix(seed);
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            String name = parameter.getKey();
            if (name.endsWith("runningMean") || name.endsWith("runningVar")) {
                continue;
            }
            float[] values = new float[Math.toIntExact(array.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextDouble() * 2 - 1) * 0.5f;
            }
            array.set(values);
        }
        return block;
    }

    /** Deterministic doubles in [0, 1). */
    static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            this.state = seed;
        }

        double nextDouble() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            return (z >>> 11) * 0x1.0p-53;
        }
    }
}
