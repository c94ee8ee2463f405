package io.kubenas.trainer.tenas;

import ai.djl.nn.Block;
import java.util.List;

/**
 * What {@link TenasPruner} needs of a chain supernet: a chain of choice layers whose output is the mean
 * of the layer's <em>active</em> candidates, weights that can be redrawn from a seed, and ReLUs that
 * report to {@link ReluRecorder}. The supernet implements it with a thin adapter, once for the NTK copy
 * and once for the (thinner) linear-region copy; both must list the same layers and candidates.
 */
public interface PrunableNetwork {

    /** Number of choice layers. */
    int layerCount();

    /** Names of a layer's candidates, in the fixed order that active masks and scores use. */
    List<String> candidates(int layer);

    /**
     * Restricts layer {@code layer} to the candidates marked true: its output becomes their mean, and the
     * others are not run. At least one entry is true.
     */
    void setActive(int layer, boolean[] active);

    /**
     * Redraws every weight, as a pure function of {@code seed} (for example with
     * {@link KaimingInitialization}); active masks are kept. Calls with the same seed give the same weights,
     * which is what makes N and N′ of a repeat identical and pruning reproducible.
     */
    void reinitialize(long seed);

    /**
     * The initialised network: images {@code [B, C, H, W]} → logits {@code [B, classes]}, run in training
     * mode. Its ReLUs go through {@link ReluRecorder#relu} (or {@link ReluRecorder#reluBlock()}, or a
     * callback that calls {@link ReluRecorder#observe}).
     *
     * <p>Its forward must not use DJL's {@code div/mul/pow(Number)} on values that need a gradient (the mean
     * over active candidates is the usual place): on PyTorch they wrap the number in a tensor over a Java
     * buffer and free that buffer at once, while autograd keeps the tensor for the backward pass, which then
     * reads freed memory after a garbage collection. Measured here: Δκ of −70 and −426 instead of +0.31 and
     * −0.34 on the tiny space. Divide by a native scalar instead,
     * e.g. {@code x.div(manager.full(new Shape(), n, x.getDataType()))}.
     */
    Block block();

    /** Channels the block takes: the images' channels, or 1 for a copy fed one random channel per crop. */
    int inputChannels();

    /** FLOPs (multiply-adds) of a candidate on its layer, for the optional tie-breaker; 0 when unknown. */
    default double flops(int layer, int candidate) {
        return 0;
    }
}
