package io.kubenas.trainer.dsnas;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.devices.GradientPass;
import io.kubenas.trainer.random.SplitMix64;
import io.kubenas.trainer.searchspace.ChildNetwork;
import io.kubenas.trainer.searchspace.Supernet;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One training step of the child network alone: the paper's child phase, continuing from the inherited
 * weights (never re-initialised) with the same loss and optimizer as the search, and no α. It is also
 * the baseline a supernet step is timed against.
 */
public final class ChildStep implements AutoCloseable {
    private final ChildNetwork child;
    private final Supernet network;
    private final WeightLearningRate learningRate;
    private final long seed;
    private final ParameterStore store;
    private final GradientPass pass;
    private final MomentumSgd sgd;
    private long stepCount;

    /**
     * @param learningRate the weight schedule, indexed by global step
     * @param firstStep the global step of the first child step: where the search stopped, so the child
     *     phase continues the search's schedule (0 for a schedule of its own)
     * @param seed reseeds the engine per step when the child has dropout
     */
    public ChildStep(ChildNetwork child, WeightLearningRate learningRate, long firstStep, double momentum, double weightDecay,
            double labelSmoothing, long seed, NDManager manager) {
        this(child, learningRate, firstStep, momentum, weightDecay, labelSmoothing, seed, manager, List.of(manager.getDevice()));
    }

    /** As above, each batch split over {@code devices} (the first is the child's own; see {@link GradientPass#on}). */
    public ChildStep(ChildNetwork child, WeightLearningRate learningRate, long firstStep, double momentum, double weightDecay,
            double labelSmoothing, long seed, NDManager manager, List<Device> devices) {
        this.child = child;
        this.network = child.network();
        this.learningRate = learningRate;
        this.seed = seed;
        this.store = new ParameterStore(manager, false);
        this.pass = GradientPass.on(network, manager, devices, (logits, labels) -> LabelSmoothedCrossEntropy.loss(logits, labels, labelSmoothing));
        this.sgd = new MomentumSgd(network, manager, momentum, weightDecay);
        this.stepCount = firstStep;
    }

    /** The child phase with the search's settings, continuing the weight schedule at {@code firstStep}. */
    public static ChildStep continuing(ChildNetwork child, DsnasSettings settings, long firstStep, NDManager manager) {
        return continuing(child, settings, firstStep, manager, List.of(manager.getDevice()));
    }

    /** As above, each batch split over {@code devices}. */
    public static ChildStep continuing(ChildNetwork child, DsnasSettings settings, long firstStep, NDManager manager, List<Device> devices) {
        return new ChildStep(child, settings.weightLearningRate(), firstStep, settings.momentum(), settings.weightDecay(),
                settings.labelSmoothing(), settings.seed(), manager, devices);
    }

    /** One step at global step {@link #stepCount()}; returns the batch's loss before the update. */
    public double step(NDArray images, NDArray labels) {
        long step = stepCount;
        if (network.space().dropout() > 0) {
            Engine.getInstance().setRandomSeed(EngineSetup.engineSeed(SplitMix64.mix(seed, SearchStreams.ENGINE, -1 - step)));
        }
        double loss = pass.run(images, labels, network.path(), false).loss();
        sgd.update(network.parametersOnPath(network.path()), learningRate.at(step));
        stepCount++;
        return loss;
    }

    public ChildNetwork child() {
        return child;
    }

    /** The global step number of the next step. */
    public long stepCount() {
        return stepCount;
    }

    public MomentumSgd weightOptimizer() {
        return sgd;
    }

    /** The parameter store for evaluation forwards on the child. */
    public ParameterStore parameterStore() {
        return store;
    }

    /** Step counter and momentum buffers (the parameters themselves: {@code child().network().saveParameters}). */
    public void writeState(DataOutputStream out) throws IOException {
        out.writeLong(stepCount);
        sgd.write(out);
        out.flush();
    }

    public void readState(DataInputStream in) throws IOException {
        long steps = in.readLong();
        sgd.read(in);
        stepCount = steps;
    }

    @Override
    public void close() {
        pass.close();
        sgd.close();
    }
}
