package io.kubenas.trainer.tenas;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * A real DJL chain supernet for tests and the pruning benchmark: stem, choice layers that output the mean
 * of their active candidates, 1×1 tail, global pool, linear. The candidates are ShuffleNet-like
 * (1×1 → depthwise k×k → 1×1, no channel split) and Xception-like units, plus plain convolutions; their
 * ReLUs go through {@link ReluRecorder}.
 */
final class ToyChainSupernet implements PrunableNetwork {

    /** Candidate operations. */
    enum Kind {
        CONV1X1, CONV3X3, SHUFFLE3X3, SHUFFLE5X5, SHUFFLE7X7, XCEPTION;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One choice layer's shape and candidates. */
    record Layer(int outChannels, int stride, List<Kind> candidates) {
    }

    private final SequentialBlock block = new SequentialBlock();
    private final List<MeanOfActive> choices = new ArrayList<>();
    private final List<Layer> layers;
    private final List<double[]> flops = new ArrayList<>();
    private final int inputChannels;
    private final KaimingInitialization.Fan fan;

    ToyChainSupernet(NDManager manager, int inputChannels, int imageSize, int stemChannels, List<Layer> layers, int tailChannels,
            int classes, KaimingInitialization.Fan fan) {
        this.layers = List.copyOf(layers);
        this.inputChannels = inputChannels;
        this.fan = fan;
        block.add(convBnRelu(stemChannels, 3, 1, 1));
        int in = stemChannels;
        for (Layer layer : layers) {
            List<Block> candidates = new ArrayList<>();
            for (Kind kind : layer.candidates()) {
                candidates.add(candidate(kind, in, layer.outChannels(), layer.stride()));
            }
            MeanOfActive choice = new MeanOfActive(candidates);
            choices.add(choice);
            block.add(choice);
            in = layer.outChannels();
        }
        block.add(convBnRelu(tailChannels, 1, 1, 1));
        block.add(Pool.globalAvgPool2dBlock());
        block.add(Blocks.batchFlattenBlock());
        block.add(Linear.builder().setUnits(classes).optBias(false).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(2, inputChannels, imageSize, imageSize));
        int size = imageSize;
        for (int l = 0; l < layers.size(); l++) {
            size = (size + layers.get(l).stride() - 1) / layers.get(l).stride();
            double[] perCandidate = new double[layers.get(l).candidates().size()];
            List<Block> candidates = new ArrayList<>(choices.get(l).getChildren().values());
            for (int c = 0; c < perCandidate.length; c++) {
                // Multiply-adds ≈ weights × output positions: enough for a tie-breaker.
                long weights = 0;
                for (Parameter p : candidates.get(c).getParameters().values()) {
                    weights += p.getType() == Parameter.Type.WEIGHT ? p.getArray().size() : 0;
                }
                perCandidate[c] = (double) weights * size * size;
            }
            flops.add(perCandidate);
        }
        reinitialize(0);
    }

    @Override
    public int layerCount() {
        return layers.size();
    }

    @Override
    public List<String> candidates(int layer) {
        return layers.get(layer).candidates().stream().map(Kind::wireName).toList();
    }

    @Override
    public void setActive(int layer, boolean[] active) {
        choices.get(layer).setActive(active);
    }

    @Override
    public void reinitialize(long seed) {
        KaimingInitialization.reinitialize(block, seed, fan);
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public int inputChannels() {
        return inputChannels;
    }

    @Override
    public double flops(int layer, int candidate) {
        return flops.get(layer)[candidate];
    }

    private static Block candidate(Kind kind, int in, int out, int stride) {
        int mid = Math.max(1, out / 2);
        return switch (kind) {
            case CONV1X1 -> convBnRelu(out, 1, stride, 1);
            case CONV3X3 -> convBnRelu(out, 3, stride, 1);
            case SHUFFLE3X3 -> shuffle(in, mid, out, 3, stride);
            case SHUFFLE5X5 -> shuffle(in, mid, out, 5, stride);
            case SHUFFLE7X7 -> shuffle(in, mid, out, 7, stride);
            case XCEPTION -> new SequentialBlock()
                    .add(conv(in, 3, stride, in)).add(conv(mid, 1, 1, 1)).add(BatchNorm.builder().build()).add(ReluRecorder.reluBlock())
                    .add(conv(mid, 3, 1, mid)).add(conv(mid, 1, 1, 1)).add(BatchNorm.builder().build()).add(ReluRecorder.reluBlock())
                    .add(conv(mid, 3, 1, mid)).add(conv(out, 1, 1, 1)).add(BatchNorm.builder().build()).add(ReluRecorder.reluBlock());
        };
    }

    private static Block shuffle(int in, int mid, int out, int kernel, int stride) {
        return new SequentialBlock()
                .add(convBnRelu(mid, 1, 1, 1))
                .add(conv(mid, kernel, stride, mid)).add(BatchNorm.builder().build())
                .add(convBnRelu(out, 1, 1, 1));
    }

    private static Block convBnRelu(int out, int kernel, int stride, int groups) {
        return new SequentialBlock().add(conv(out, kernel, stride, groups)).add(BatchNorm.builder().build()).add(ReluRecorder.reluBlock());
    }

    private static Block conv(int out, int kernel, int stride, int groups) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(out)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optGroups(groups)
                .optBias(false)
                .build();
    }
}
