package io.kubenas.trainer.dsnas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.trainer.searchspace.TestSpaces;
import io.kubenas.trainer.searchspace.WithEngine;
import org.junit.jupiter.api.BeforeEach;

/** A seeded engine, the two-layer test space and one random batch of it, fresh for each test of a step. */
abstract class WithTwoLayerBatch extends WithEngine {
    protected final ResolvedSearchSpace space = TestSpaces.twoLayers();
    private final int batchSize;
    protected NDArray images;
    protected NDArray labels;

    protected WithTwoLayerBatch(long seed, int batchSize) {
        super(seed);
        this.batchSize = batchSize;
    }

    @BeforeEach
    final void batch() {
        images = TestSpaces.images(manager, space, batchSize, DataType.FLOAT32);
        labels = TestSpaces.labels(manager, space, batchSize);
    }
}
