package io.kubenas.trainer.dsnas;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.devices.GradientPass;
import io.kubenas.trainer.devices.Gradients;
import io.kubenas.trainer.devices.PathResult;
import io.kubenas.trainer.devices.ShardResult;
import io.kubenas.trainer.random.SplitMix64;
import io.kubenas.trainer.searchspace.Supernet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One DSNAS step on one batch (docs/algorithms.md §2.2): sample a path from α, run only that path with a
 * unit gate Z_i on each layer's output, back-propagate the label-smoothed cross-entropy, move the path's
 * weights with SGD and α with Adam along the DSNAS estimate (∂L/∂Z_i)·(onehot(s_i) − softmax(α_i)).
 *
 * <p>The epoch loop, evaluation and checkpoints live above this class; everything they need to save and
 * restore is in {@link SearchState}. A run is reproducible on CPU: the path of step t is a function of
 * (seed, t, α), the engine is reseeded from (seed, t) before each step (dropout), and nothing else draws.
 */
public final class SearchStep implements AutoCloseable {
    private final Supernet supernet;
    private final ArchitectureParameters alpha;
    private final DsnasSettings settings;
    private final NDManager manager;
    private final ParameterStore store;
    private final GradientPass pass;
    private final PathSampler sampler;
    private final ArchitectureAdam adam;
    private final MomentumSgd sgd;
    private long stepCount;
    private boolean architectureFrozen;

    /**
     * @param supernet an initialised supernet on {@code manager}'s device
     * @param alpha the architecture distribution (updated in place)
     * @param manager the manager holding the supernet's parameters; optimizer state lives under it
     */
    public SearchStep(Supernet supernet, ArchitectureParameters alpha, DsnasSettings settings, NDManager manager) {
        this(supernet, alpha, settings, manager, List.of(manager.getDevice()));
    }

    /**
     * As above, each batch split over {@code devices}, the first being the supernet's own (data parallel,
     * see {@link GradientPass#on}); α, the optimizers and the checkpointed weights stay with the supernet.
     */
    public SearchStep(Supernet supernet, ArchitectureParameters alpha, DsnasSettings settings, NDManager manager, List<Device> devices) {
        if (alpha.layerCount() != supernet.layerCount()) {
            throw new IllegalArgumentException("α has " + alpha.layerCount() + " rows for " + supernet.layerCount() + " layers");
        }
        this.supernet = supernet;
        this.alpha = alpha;
        this.settings = settings;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.pass = GradientPass.on(supernet, manager, devices,
                (logits, labels) -> LabelSmoothedCrossEntropy.loss(logits, labels, settings.labelSmoothing()));
        this.sampler = new PathSampler(settings.seed());
        this.adam = new ArchitectureAdam(alpha, settings.architectureLearningRate(), settings.beta1(), settings.beta2());
        this.sgd = new MomentumSgd(supernet, manager, settings.momentum(), settings.weightDecay());
    }

    /**
     * What one step did.
     *
     * @param step the global step number it ran as
     * @param loss the batch's mean loss (before the update)
     * @param shards per device: the path it sampled, its share of the batch, and its weighted loss and
     *     credit ∂L/∂Z_i (one entry on a single device)
     * @param learningRate the weights' learning rate used
     * @param architectureUpdated whether α moved (false during architecture warm-up)
     */
    public record StepResult(long step, double loss, List<ShardResult> shards, double learningRate, boolean architectureUpdated) {

        /** The path of the first device's shard: the step's only path on a single device. */
        public int[] path() {
            return shards.get(0).path();
        }
    }

    /**
     * One full step: sample a path per device, forward, backward, update the paths' weights and (unless
     * frozen) α along the DSNAS estimate summed over the devices' shards (each weighted by its share of the
     * batch: the devices' estimates averaged, docs/algorithms.md §2.5).
     *
     * @param images float32 [B, C, H, W], normalised
     * @param labels int64 [B] class indices
     */
    public StepResult step(NDArray images, NDArray labels) {
        long step = stepCount;
        int shards = pass.shards(images.getShape().get(0));
        List<int[]> paths = new ArrayList<>(shards);
        for (int shard = 0; shard < shards; shard++) {
            paths.add(sampler.sampleForShard(alpha, step, shard));
        }
        if (supernet.space().dropout() > 0) {
            Engine.getInstance().setRandomSeed(EngineSetup.engineSeed(SplitMix64.mix(settings.seed(), SearchStreams.ENGINE, step)));
        }
        List<ShardResult> results = pass.run(images, labels, paths, true);
        double learningRate = settings.weightLearningRate().at(step);
        sgd.update(parametersOnPaths(paths), learningRate);
        boolean updateArchitecture = !isArchitectureFrozen();
        if (updateArchitecture) {
            // The estimator uses the distribution the paths were drawn from: α has not moved since sampling.
            adam.step(alpha, architectureGradient(results));
        }
        stepCount++;
        double loss = 0;
        for (ShardResult shard : results) {
            loss += shard.loss();
        }
        return new StepResult(step, loss, results, learningRate, updateArchitecture);
    }

    /** The DSNAS estimate of each shard (its credit already carries its share), summed. */
    private double[][] architectureGradient(List<ShardResult> shards) {
        double[][] sum = null;
        for (ShardResult shard : shards) {
            double[][] grad = DsnasEstimator.architectureGradient(alpha, shard.path(), shard.credit());
            if (sum == null) {
                sum = grad;
            } else {
                DsnasEstimator.accumulate(sum, grad);
            }
        }
        return sum;
    }

    /** Every parameter some shard's path used, each once, in path order. */
    private List<Parameter> parametersOnPaths(List<int[]> paths) {
        if (paths.size() == 1) {
            return supernet.parametersOnPath(paths.get(0));
        }
        Set<Parameter> union = new LinkedHashSet<>();
        for (int[] path : paths) {
            union.addAll(supernet.parametersOnPath(path));
        }
        return List.copyOf(union);
    }

    /**
     * Forward and backward along {@code path} in training mode, leaving the gradients on the path's
     * parameters for the weight update. Every intermediate array is freed before it returns.
     */
    public PathResult lossAndCredit(NDArray images, NDArray labels, int[] path) {
        return pass.run(images, labels, path, true);
    }

    /** {@link #lossAndCredit} without any update: gradients are dropped (BatchNorm statistics still move). */
    public PathResult probe(NDArray images, NDArray labels, int[] path) {
        PathResult result = lossAndCredit(images, labels, path);
        Gradients.discard(supernet.parametersOnPath(path));
        return result;
    }

    /** Early fixing with the configured threshold; call at each epoch start. Returns the layers it fixed. */
    public List<Integer> fixDecidedLayers() {
        return EarlyFixing.fixDecidedLayers(alpha, settings.earlyFixThreshold());
    }

    /** Freezes α (on top of the architecture warm-up steps of the settings). */
    public void setArchitectureFrozen(boolean frozen) {
        this.architectureFrozen = frozen;
    }

    public boolean isArchitectureFrozen() {
        return architectureFrozen || stepCount < settings.architectureWarmupSteps();
    }

    /** The explicit freeze alone, without the warm-up (what a checkpoint keeps). */
    boolean isArchitectureFrozenFlag() {
        return architectureFrozen;
    }

    NDManager manager() {
        return manager;
    }

    /** Steps taken so far: the global step number of the next step. */
    public long stepCount() {
        return stepCount;
    }

    void restoreStepCount(long steps) {
        this.stepCount = steps;
    }

    public Supernet supernet() {
        return supernet;
    }

    public ArchitectureParameters architecture() {
        return alpha;
    }

    public ArchitectureAdam architectureOptimizer() {
        return adam;
    }

    public MomentumSgd weightOptimizer() {
        return sgd;
    }

    public DsnasSettings settings() {
        return settings;
    }

    /** The devices each batch is split over (one: no data parallelism). */
    public List<Device> devices() {
        return pass.devices();
    }

    /** The parameter store the step's forwards use (for evaluation forwards on the same supernet). */
    public ParameterStore parameterStore() {
        return store;
    }

    @Override
    public void close() {
        pass.close();
        sgd.close();
    }
}
