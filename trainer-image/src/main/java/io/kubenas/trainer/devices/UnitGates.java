package io.kubenas.trainer.devices;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The DSNAS gates Z: one 1 per layer, multiplied onto its output, whose gradient is the layer's credit ∂L/∂Z. */
final class UnitGates {
    private UnitGates() {
    }

    /** Ones in the activations' precision (so their gradient keeps it), recording gradient. */
    static NDArray of(int layers, DataType dataType, NDManager scope) {
        NDArray gates = scope.ones(new Shape(layers), dataType);
        gates.setRequiresGradient(true);
        return gates;
    }

    static double[] credit(NDArray gates) {
        try (NDArray gradient = gates.getGradient()) {
            return gradient.toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }
}
