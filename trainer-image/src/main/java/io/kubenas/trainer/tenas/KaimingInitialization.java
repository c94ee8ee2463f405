package io.kubenas.trainer.tenas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Random;

/**
 * Fresh weights for a TE-NAS repeat, as the reference code draws them: Kaiming-normal convolution and
 * linear weights (std = √(2 / fan)), BatchNorm γ = 1, β = 0, biases 0. The reference uses fan-out for
 * the network whose NTK is measured ("for backward") and fan-in for the linear-region network ("for
 * forward").
 *
 * <p>Values come from {@link java.util.Random}, whose algorithm the JDK specifies, in the block's
 * parameter order, so the weights are a pure function of the seed on every engine and thread count —
 * which is what makes pruning deterministic. The engine's own generator is left alone.
 */
public final class KaimingInitialization {

    /** Which side of a weight tensor the variance is scaled to. */
    public enum Fan {
        IN,
        OUT
    }

    private KaimingInitialization() {
    }

    /** Overwrites every initialised parameter of {@code block}; architecture ({@code OTHER}) parameters stay. */
    public static void reinitialize(Block block, long seed, Fan fan) {
        Random random = new Random(seed);
        for (Parameter p : block.getParameters().values()) {
            if (!p.isInitialized()) {
                continue;
            }
            NDArray array = p.getArray();
            Shape shape = array.getShape();
            int size = Math.toIntExact(shape.size());
            double[] values = new double[size];
            switch (p.getType()) {
                case WEIGHT -> {
                    double std = Math.sqrt(2.0 / fan(shape, fan));
                    for (int i = 0; i < size; i++) {
                        values[i] = std * random.nextGaussian();
                    }
                }
                case GAMMA, RUNNING_VAR -> java.util.Arrays.fill(values, 1.0);
                case BETA, BIAS, RUNNING_MEAN -> {
                    // zeros
                }
                default -> {
                    continue;
                }
            }
            write(array, values);
        }
    }

    /** Fan of a weight [out, in/groups, k...]: in × receptive field, or out × receptive field. */
    static long fan(Shape shape, Fan fan) {
        if (shape.dimension() < 2) {
            return Math.max(1, shape.size());
        }
        long receptive = 1;
        for (int d = 2; d < shape.dimension(); d++) {
            receptive *= shape.get(d);
        }
        return (fan == Fan.IN ? shape.get(1) : shape.get(0)) * receptive;
    }

    /**
     * Copies into the parameter's own storage. {@code NDArray.set(float[])} would instead re-point the
     * PyTorch tensor at a new Java direct buffer on every repeat; copying leaves the tensor, and everything
     * holding it (parameter store, optimizer state, autograd), exactly as it was.
     */
    private static void write(NDArray array, double[] values) {
        NDArray fresh;
        if (array.getDataType() == DataType.FLOAT64) {
            fresh = array.getManager().create(values, array.getShape());
        } else {
            float[] floats = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                floats[i] = (float) values[i];
            }
            fresh = array.getManager().create(floats, array.getShape());
        }
        try (fresh) {
            array.set(new NDIndex(":"), fresh);
        }
    }
}
