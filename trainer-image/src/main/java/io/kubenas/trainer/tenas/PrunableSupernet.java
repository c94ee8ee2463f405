package io.kubenas.trainer.tenas;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.trainer.searchspace.NetworkCost;
import io.kubenas.trainer.searchspace.Supernet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The search space's {@link Supernet}, rebuilt thin, as {@link TenasPruner} scores it: every layer in
 * mean-of-active mode, weights redrawn by {@link KaimingInitialization}, ReLUs reported to
 * {@link ReluRecorder} through the supernet's ReLU tap. Candidate names and FLOPs are those of the
 * full-size space, so scores and the FLOPs tie-breaker speak about the real network.
 */
public final class PrunableSupernet implements PrunableNetwork {
    private final Supernet supernet;
    private final boolean[][] active;
    private final double[][] flops;
    private final KaimingInitialization.Fan fan;

    private PrunableSupernet(Supernet supernet, double[][] flops, KaimingInitialization.Fan fan) {
        this.supernet = supernet;
        this.flops = flops;
        this.fan = fan;
        this.active = new boolean[supernet.layerCount()][];
        for (int l = 0; l < active.length; l++) {
            active[l] = new boolean[supernet.layer(l).candidateCount()];
            Arrays.fill(active[l], true);
        }
        supernet.setMeanOfActive(active);
        supernet.reluTap().listen(ReluRecorder::observe);
    }

    /**
     * The copy whose NTK is measured: {@code space} at {@code width} (fan-out init, as the reference's
     * "for backward").
     */
    public static PrunableSupernet forNtk(ResolvedSearchSpace space, double width, NDManager manager) {
        ResolvedSearchSpace thin = thin(space, width, space.input().channels(), space.input().size());
        return new PrunableSupernet(Supernet.create(thin, manager, DataType.FLOAT32), NetworkCost.candidateFlops(space),
                KaimingInitialization.Fan.OUT);
    }

    /**
     * The copy whose linear regions are counted: {@code space} at {@code width}, taking one channel (each crop
     * is one random channel of an image) of {@code cropSize} pixels (fan-in init, "for forward").
     */
    public static PrunableSupernet forRegions(ResolvedSearchSpace space, double width, int cropSize, NDManager manager) {
        ResolvedSearchSpace thin = thin(space, width, 1, cropSize);
        return new PrunableSupernet(Supernet.create(thin, manager, DataType.FLOAT32), NetworkCost.candidateFlops(space),
                KaimingInitialization.Fan.IN);
    }

    /**
     * {@code space} with every channel count scaled by {@code width}, kept even and at least 2 (the
     * channel split halves them), a stride-2 layer keeping at least 2 channels more than it takes (its main
     * branch makes the difference), and no dropout (scores must not be random). Unlike the API's width
     * multiplier this goes below 4 channels: the linear-region copy must be very thin or R saturates.
     */
    public static ResolvedSearchSpace thin(ResolvedSearchSpace space, double width, int inputChannels, int inputSize) {
        InputShape input = new InputShape(inputChannels, inputSize, space.input().classes());
        int stem = scale(space.stemChannels(), width);
        int size = space.stemStride() == 1 ? inputSize : (inputSize + 1) / 2;
        List<ResolvedLayer> layers = new ArrayList<>();
        int in = stem;
        for (ResolvedLayer layer : space.layers()) {
            int out = layer.stride() == 2 ? Math.max(scale(layer.outChannels(), width), in + 2) : in;
            if (layer.stride() == 1 && layer.inChannels() != layer.outChannels()) {
                out = scale(layer.outChannels(), width);
            }
            ResolvedLayer thinLayer = new ResolvedLayer(layer.index(), in, out, layer.stride(), size, layer.candidates());
            layers.add(thinLayer);
            in = out;
            size = thinLayer.outputSize();
        }
        return new ResolvedSearchSpace(input, stem, space.stemStride(), layers, scale(space.tailChannels(), width), 0.0);
    }

    static int scale(int channels, double width) {
        return Math.max(2, (int) Math.round(channels * width / 2.0) * 2);
    }

    @Override
    public int layerCount() {
        return supernet.layerCount();
    }

    @Override
    public List<String> candidates(int layer) {
        return supernet.layer(layer).layer().candidates().stream().map(Candidate::wireName).toList();
    }

    @Override
    public void setActive(int layer, boolean[] mask) {
        active[layer] = mask.clone();
        supernet.setMeanOfActive(active);
    }

    @Override
    public void reinitialize(long seed) {
        KaimingInitialization.reinitialize(supernet, seed, fan);
    }

    @Override
    public Block block() {
        return supernet;
    }

    @Override
    public int inputChannels() {
        return supernet.space().input().channels();
    }

    @Override
    public double flops(int layer, int candidate) {
        return flops[layer][candidate];
    }

    /** The thin space this copy was built from. */
    public ResolvedSearchSpace space() {
        return supernet.space();
    }
}
