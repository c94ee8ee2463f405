package io.kubenas.trainer.searchspace;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.space.SearchSpaceResolver;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.api.v1alpha1.SearchSpacePreset;
import io.kubenas.api.v1alpha1.SearchSpaceSpec;
import io.kubenas.trainer.dsnas.EngineSetup;
import java.util.Arrays;
import java.util.List;

/** Small search spaces and synthetic batches for the search-space and DSNAS tests. */
public final class TestSpaces {
    private TestSpaces() {
    }

    /** The engine with the trainer's thread settings, seeded. */
    public static Engine engine(long seed) {
        return EngineSetup.pytorch(seed);
    }

    /** The `tiny` preset on Fashion-MNIST-shaped input. */
    public static ResolvedSearchSpace tiny() {
        return SearchSpaceResolver.resolve(SearchSpaceSpec.builder().preset(SearchSpacePreset.TINY).build(), InputShape.FASHION_MNIST);
    }

    /**
     * Two choice layers with all four candidates (16 paths) on 8x8 single-channel input and 3 classes: a
     * stride-2 layer 8→16, then a stride-1 layer 16→16, so both unit shapes are exercised. In this order
     * both layers' gates matter: a stride-1 unit passes half of its input through unnormalised, whereas a
     * unit that feeds a stride-2 unit sees its scale undone by the next BatchNorms (up to their ε).
     */
    public static ResolvedSearchSpace twoLayers() {
        List<Candidate> all = Arrays.asList(Candidate.values());
        return new ResolvedSearchSpace(new InputShape(1, 8, 3), 8, 1,
                List.of(new ResolvedLayer(0, 8, 16, 2, 8, all), new ResolvedLayer(1, 16, 16, 1, 4, all)), 16, 0.0);
    }

    /** Standard-normal images [batch, C, H, W] of the space's input shape (engine-seeded). */
    public static NDArray images(NDManager manager, ResolvedSearchSpace space, int batch, DataType type) {
        InputShape in = space.input();
        return manager.randomNormal(0f, 1f, new Shape(batch, in.channels(), in.size(), in.size()), type);
    }

    /** Labels 0, 1, 2, ... cycling over the classes, int64. */
    public static NDArray labels(NDManager manager, ResolvedSearchSpace space, int batch) {
        long[] y = new long[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = i % space.input().classes();
        }
        return manager.create(y);
    }
}
