package io.kubenas.trainer.searchspace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.v1alpha1.Candidate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One choice layer of the chain: a unit per candidate, in the resolved layer's candidate order. */
public final class ChoiceLayer extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ResolvedLayer layer;
    private final List<ChoiceUnit> units = new ArrayList<>();

    ChoiceLayer(ResolvedLayer layer, ReluTap tap) {
        super(VERSION);
        if (layer.candidates().isEmpty()) {
            throw new IllegalArgumentException("layer " + layer.index() + " has no candidates");
        }
        this.layer = layer;
        for (Candidate candidate : layer.candidates()) {
            units.add(addChildBlock(candidate.wireName(), new ChoiceUnit(candidate, layer, tap)));
        }
    }

    public ResolvedLayer layer() {
        return layer;
    }

    public List<ChoiceUnit> units() {
        return List.copyOf(units);
    }

    public ChoiceUnit unit(int candidateIndex) {
        return units.get(candidateIndex);
    }

    public int candidateCount() {
        return units.size();
    }

    /**
     * Runs only candidate {@code choice}. With a {@code gate} (a scalar that requires gradient), the output
     * is multiplied by it: the gate's value is 1, so the forward is unchanged, and after backward its
     * gradient is the layer's DSNAS credit ∂L/∂Z.
     */
    NDArray applyChoice(ParameterStore store, NDArray x, boolean training, int choice, NDArray gate) {
        NDArray out = units.get(choice).apply(store, x, training);
        return gate == null ? out : out.mul(gate);
    }

    /** The mean of the active candidates' outputs (TE-NAS scores the supernet this way). */
    NDArray applyMean(ParameterStore store, NDArray x, boolean training, boolean[] active) {
        NDArray sum = null;
        int count = 0;
        for (int c = 0; c < units.size(); c++) {
            if (active[c]) {
                NDArray out = units.get(c).apply(store, x, training);
                sum = sum == null ? out : sum.add(out);
                count++;
            }
        }
        if (sum == null) {
            throw new IllegalStateException("layer " + layer.index() + " has no active candidate");
        }
        if (count == 1) {
            return sum;
        }
        // A scalar of the activation's own data type: dividing by a Java int would make the
        // engine promote through an integer tensor, which breaks half-precision and autograd.
        try (NDArray divisor = sum.getManager().full(new Shape(), count, sum.getDataType())) {
            return sum.div(divisor);
        }
    }

    /** On its own (outside a {@link Supernet}) a layer outputs the mean of all its candidates. */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        boolean[] all = new boolean[units.size()];
        Arrays.fill(all, true);
        return new NDList(applyMean(store, inputs.head(), training, all));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return units.get(0).getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (ChoiceUnit unit : units) {
            unit.initialize(manager, dataType, inputShapes);
        }
    }
}
