package io.kubenas.trainer.tenas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.List;

/** A choice layer for tests: outputs the mean of its active candidates and runs no other. */
final class MeanOfActive extends AbstractBlock {
    private final List<Block> candidates;
    private boolean[] active;

    MeanOfActive(List<Block> candidates) {
        super((byte) 1);
        this.candidates = List.copyOf(candidates);
        for (int i = 0; i < candidates.size(); i++) {
            addChildBlock("candidate" + i, candidates.get(i));
        }
        active = new boolean[candidates.size()];
        Arrays.fill(active, true);
    }

    void setActive(boolean[] mask) {
        if (mask.length != candidates.size()) {
            throw new IllegalArgumentException("mask has " + mask.length + " entries for " + candidates.size() + " candidates");
        }
        active = mask.clone();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray sum = null;
        int n = 0;
        for (int i = 0; i < candidates.size(); i++) {
            if (active[i]) {
                NDArray y = candidates.get(i).forward(store, inputs, training, params).singletonOrThrow();
                sum = sum == null ? y : sum.add(y);
                n++;
            }
        }
        if (sum == null) {
            throw new IllegalStateException("no active candidate");
        }
        // Not sum.div(n): DJL's PyTorch div(Number) wraps n in a tensor over a Java buffer and closes it at
        // once, while autograd keeps that tensor for the backward pass, which then reads freed memory
        // (measured here: κ corrupted now and then under GC pressure). A native scalar is reference-counted.
        try (NDArray count = sum.getManager().full(new Shape(), n, sum.getDataType())) {
            return new NDList(sum.div(count));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return candidates.get(0).getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block c : candidates) {
            c.initialize(manager, dataType, inputShapes);
        }
    }
}
