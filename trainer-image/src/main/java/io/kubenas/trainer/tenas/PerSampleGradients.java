package io.kubenas.trainer.tenas;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.devices.Gradients;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The per-sample gradient rows of the empirical NTK (docs/algorithms.md §3.2): row n is the gradient of
 * sample n's summed logits with respect to every selected weight, concatenated in parameter order.
 *
 * <p>The network runs in training mode, so BatchNorm normalises with the batch's statistics and each
 * sample's logits depend on the whole batch. As in the TE-NAS reference, the batch is forwarded once and
 * row n is the gradient of sample n's logit sum through that same forward, including its dependence on
 * the batch statistics. DJL has no vmap or Jacobian API, so the rows are a loop of N backward passes:
 * <ul>
 *   <li>{@link Mode#RETAINED_GRAPH} (PyTorch engine): one forward, then N backward passes over the kept
 *       graph. DJL's {@code GradientCollector.backward} always frees the graph, so this calls the engine's
 *       public {@code JniUtils.backward(..., keepGraph = true, ...)}. Cost: 1 forward + N backward. It is
 *       safe to use from several threads at once on separate networks.</li>
 *   <li>{@link Mode#FORWARD_PER_SAMPLE} (any engine): the same batch is forwarded again before each
 *       backward. Same rows (the forward is deterministic), cost N forward + N backward.</li>
 * </ul>
 * Gradients accumulate in DJL, so each parameter's gradient is read and zeroed after every backward.
 */
public final class PerSampleGradients {

    /** How the N backward passes get their graph. */
    public enum Mode {
        /** One forward, graph kept across the N backward passes (PyTorch engine only). */
        RETAINED_GRAPH,
        /** The batch is forwarded again for every sample (any engine). */
        FORWARD_PER_SAMPLE
    }

    /**
     * The weights TE-NAS differentiates: convolution and linear weights and BatchNorm γ; not biases, not BN
     * β, not running statistics, and not architecture parameters (which are not weight-typed).
     */
    public static final Predicate<Parameter> WEIGHTS = p -> p.requiresGradient()
            && (p.getType() == Parameter.Type.WEIGHT || p.getType() == Parameter.Type.GAMMA);

    private final Block block;
    private final Predicate<Parameter> selection;
    private final Mode mode;

    public PerSampleGradients(Block block, Predicate<Parameter> selection, Mode mode) {
        this.block = block;
        this.selection = selection;
        this.mode = mode;
    }

    /** Weights as TE-NAS selects them, with the faster mode the engine allows. */
    public static PerSampleGradients of(Block block) {
        boolean pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        return new PerSampleGradients(block, WEIGHTS, pytorch ? Mode.RETAINED_GRAPH : Mode.FORWARD_PER_SAMPLE);
    }

    /** The parameters whose gradients make up a row, in row order. */
    public List<Parameter> selectedParameters() {
        List<Parameter> selected = new ArrayList<>();
        for (Parameter p : block.getParameters().values()) {
            if (selection.test(p)) {
                selected.add(p);
            }
        }
        return selected;
    }

    /** κ of Θ = G·Gᵀ over this batch (see {@link NtkConditionNumber}). */
    public double conditionNumber(NDArray images) {
        return NtkConditionNumber.fromGradients(rows(images));
    }

    /**
     * G: one row per sample of {@code images} ({@code [N, ...]}), each as long as the selected weights
     * have scalars. Values are widened to double (float64 networks keep their precision).
     */
    public double[][] rows(NDArray images) {
        List<Parameter> weights = selectedParameters();
        if (weights.isEmpty()) {
            throw new IllegalStateException("the block has no selected weights (is it initialised?)");
        }
        int samples = Math.toIntExact(images.getShape().get(0));
        double[][] g;
        try (NDManager scratch = images.getManager().newSubManager();
                GradientScope gradients = gradientScope(scratch)) {
            // Ops put their results in their input's manager: a private copy of the batch in the scratch
            // manager takes every intermediate with it, and leaves the caller's batch untouched for other
            // threads scoring the same batch.
            NDArray input = images.duplicate();
            input.attach(scratch);
            ParameterStore store = new ParameterStore(scratch, false);
            Gradients.discard(weights);
            List<NDArray> rows = new ArrayList<>(samples);
            NDArray logits = mode == Mode.RETAINED_GRAPH ? forward(store, input) : null;
            for (int n = 0; n < samples; n++) {
                if (mode == Mode.RETAINED_GRAPH) {
                    NDArray target = logits.get(n).sum();
                    NDArray seed = scratch.ones(target.getShape(), target.getDataType());
                    JniUtils.backward((PtNDArray) target, (PtNDArray) seed, n < samples - 1, false);
                } else {
                    gradients.backward(forward(store, input).get(n).sum());
                }
                rows.add(readAndZero(weights, scratch));
            }
            NDArray stacked = NDArrays.stack(new NDList(rows)).toType(DataType.FLOAT64, false);
            double[] flat = stacked.toDoubleArray();
            int width = flat.length / samples;
            g = new double[samples][];
            for (int n = 0; n < samples; n++) {
                g[n] = Arrays.copyOfRange(flat, n * width, (n + 1) * width);
            }
        }
        return g;
    }

    /** Gradient recording for the duration of one {@link #rows} call. */
    private interface GradientScope extends AutoCloseable {
        void backward(NDArray target);

        @Override
        void close();
    }

    /**
     * With the retained graph, grad mode is switched on for this thread only (libtorch's grad mode is
     * thread-local), so several threads can score replicas of a network at once; DJL's GradientCollector
     * allows one collector per process. The generic mode uses the collector.
     */
    private GradientScope gradientScope(NDManager manager) {
        if (mode == Mode.RETAINED_GRAPH) {
            boolean before = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            return new GradientScope() {
                @Override
                public void backward(NDArray target) {
                    throw new UnsupportedOperationException("the retained-graph mode calls the engine's backward itself");
                }

                @Override
                public void close() {
                    JniUtils.setGradMode(before);
                }
            };
        }
        GradientCollector collector = manager.getEngine().newGradientCollector();
        return new GradientScope() {
            @Override
            public void backward(NDArray target) {
                collector.backward(target);
            }

            @Override
            public void close() {
                collector.close();
            }
        };
    }

    private NDArray forward(ParameterStore store, NDArray images) {
        return block.forward(store, new NDList(images), true).singletonOrThrow();
    }

    /** Concatenates every weight's gradient into one row, then zeroes them for the next sample. */
    private static NDArray readAndZero(List<Parameter> weights, NDManager scratch) {
        NDList flat = new NDList(weights.size());
        List<NDArray> handles = new ArrayList<>(weights.size());
        for (Parameter p : weights) {
            // getGradient() wraps the gradient in a new handle owned by the parameter's long-lived manager:
            // closed below so thousands of them do not pile up there.
            NDArray gradient = p.getArray().getGradient();
            handles.add(gradient);
            flat.add(gradient.flatten());
        }
        NDArray row = NDArrays.concat(flat);
        row.attach(scratch);
        flat.forEach(NDArray::close);
        handles.forEach(NDArray::close);
        Gradients.discard(weights);
        return row;
    }
}
