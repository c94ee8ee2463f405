package io.kubenas.trainer.searchspace;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.Candidate;
import java.util.ArrayList;
import java.util.List;

/**
 * The derived architecture as a network of its own: the resolved space restricted to one candidate per
 * layer. DSNAS deploys it <em>without re-initialisation</em> (docs/algorithms.md §2.7), so
 * {@link #inherit} copies the supernet's trained parameters of exactly those candidates — weights, γ, β
 * and BatchNorm running statistics — and the child computes what the supernet computes on that path.
 */
public final class ChildNetwork {
    private final Supernet network;
    private final List<Candidate> ops;

    private ChildNetwork(Supernet network) {
        this.network = network;
        this.ops = network.space().layers().stream().map(l -> l.candidates().get(0)).toList();
    }

    /**
     * The child that picks candidate {@code choice[i]} (an index into layer i's candidates) of each layer,
     * with the supernet's parameters copied in, on {@code manager}'s device.
     */
    public static ChildNetwork inherit(Supernet supernet, int[] choice, NDManager manager) {
        if (choice.length != supernet.layerCount()) {
            throw new IllegalArgumentException("choice has " + choice.length + " entries for " + supernet.layerCount() + " layers");
        }
        List<List<Candidate>> single = new ArrayList<>();
        for (int i = 0; i < choice.length; i++) {
            single.add(List.of(supernet.space().layers().get(i).candidates().get(choice[i])));
        }
        ChildNetwork child = allocate(supernet.space().restrictedTo(single), manager);
        Supernet target = child.network;
        copy(supernet.stemParameters(), target.stemParameters());
        for (int i = 0; i < choice.length; i++) {
            copy(supernet.layer(i).unit(choice[i]).parameterList(), target.layer(i).unit(0).parameterList());
        }
        copy(supernet.tailAndClassifierParameters(), target.tailAndClassifierParameters());
        return child;
    }

    /**
     * An empty (zero) child of a space with one candidate per layer, for loading exported parameters with
     * {@code network().loadParameters}.
     */
    public static ChildNetwork allocate(ResolvedSearchSpace childSpace, NDManager manager) {
        for (var layer : childSpace.layers()) {
            if (layer.candidates().size() != 1) {
                throw new IllegalArgumentException("a child has one candidate per layer; layer " + layer.index() + " has " + layer.candidates());
            }
        }
        Supernet net = new Supernet(childSpace);
        // Zeros, not the random initialisers: the values are about to be overwritten, and drawing them
        // would move the engine's random stream (and with it a seeded run's later draws).
        net.setInitializer(Initializer.ZEROS, p -> true);
        net.initialize(manager, DataType.FLOAT32, net.inputShape(1));
        return new ChildNetwork(net);
    }

    private static void copy(List<Parameter> from, List<Parameter> to) {
        Supernet.copyValues(from, to);
    }

    /** The network itself (a {@link Supernet} whose layers have one candidate each; its path is all zeros). */
    public Supernet network() {
        return network;
    }

    /** The chosen candidate of each layer. */
    public List<Candidate> ops() {
        return ops;
    }

    public ResolvedSearchSpace space() {
        return network.space();
    }

    /** Trainable parameter values. */
    public long parameterCount() {
        return network.parameterCount();
    }

    /**
     * Forgets the BatchNorm running statistics (mean 0, variance 1). The paper's child phase starts from the
     * inherited weights but fresh statistics: during the search each candidate's statistics were averaged
     * over the different inputs that other layers' samples produced.
     */
    public void resetBatchNormStatistics() {
        for (Parameter p : network.getParameters().values()) {
            if (p.getType() == Parameter.Type.RUNNING_MEAN) {
                p.getArray().subi(p.getArray());
            } else if (p.getType() == Parameter.Type.RUNNING_VAR) {
                p.getArray().subi(p.getArray()).addi(1f);
            }
        }
    }
}
