package io.kubenas.trainer.devices;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * Gradients dropped without moving anything: a probe's, a replica's once added onto the network, a skipped
 * update's, each per-sample row's of the NTK once read.
 */
public final class Gradients {
    private Gradients() {
    }

    /** Zeroes the gradients of {@code parameters} that record one (running statistics do not). */
    public static void discard(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            if (parameter.requiresGradient()) {
                NDArray weight = parameter.getArray();
                if (weight instanceof PtNDArray pt) {
                    JniUtils.zeroGrad(pt); // one native call, and never-computed gradients stay undefined
                } else if (weight.hasGradient()) {
                    try (NDArray grad = weight.getGradient()) {
                        grad.subi(grad);
                    }
                }
            }
        }
    }
}
