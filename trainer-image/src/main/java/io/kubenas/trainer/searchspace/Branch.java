package io.kubenas.trainer.searchspace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A straight chain of convolutions and BatchNorms with ReLUs after some of them: the stem, the tail,
 * and each branch of a choice unit.
 *
 * <p>Not a DJL {@code SequentialBlock}: a training forward through DJL's {@code Block.forward} walks the
 * block's whole parameter tree to check initialisation, at every level of nesting. The search space's own
 * blocks call each other through {@link #apply} and only leaves go through {@code Block.forward}, so a
 * step costs what its convolutions cost.
 */
final class Branch extends AbstractBlock {
    private static final byte VERSION = 1;

    private final List<Block> layers = new ArrayList<>();
    private final List<Boolean> reluAfter = new ArrayList<>();
    private final ReluTap tap;
    private List<Parameter> parameters;

    Branch(ReluTap tap) {
        super(VERSION);
        this.tap = tap;
    }

    /** Appends a layer; {@code relu} adds a ReLU after it. */
    Branch add(Block layer, boolean relu) {
        addChildBlock(layer.getClass().getSimpleName() + layers.size(), layer);
        layers.add(layer);
        reluAfter.add(relu);
        return this;
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        NDArray out = x;
        for (int i = 0; i < layers.size(); i++) {
            out = layers.get(i).forward(store, new NDList(out), training).singletonOrThrow();
            if (reluAfter.get(i)) {
                out = Activation.relu(out);
                tap.observe(out);
            }
        }
        return out;
    }

    /** Every parameter of the chain, cached: the optimizer asks for them at every step. */
    List<Parameter> parameterList() {
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
        Shape[] shapes = inputShapes;
        for (Block layer : layers) {
            shapes = layer.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block layer : layers) {
            layer.initialize(manager, dataType, shapes);
            shapes = layer.getOutputShapes(shapes);
        }
    }
}
