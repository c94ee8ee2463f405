package io.kubenas.trainer.devices;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.searchspace.Supernet;

/**
 * One path's forward up to its loss, the part every pass shares; the passes differ only in how they run the
 * backward (DJL's gradient collector on one device, libtorch's thread-local grad mode on replicas). Grad mode
 * must be on when {@link #of} runs.
 *
 * @param path the path the network ran
 * @param share the images of this forward over the whole batch's
 * @param loss the mean loss × share, the scalar to back-propagate
 * @param gates the unit gates Z whose gradient becomes each layer's credit, or null without gates
 */
record PathForward(int[] path, double share, NDArray loss, NDArray gates) {

    static PathForward of(Supernet network, ParameterStore store, int[] path, NDArray images, NDArray labels, double share,
            boolean gated, LossFunction lossFunction, NDManager scope) {
        network.setPath(path);
        NDArray gates = gated ? UnitGates.of(path.length, images.getDataType(), scope) : null;
        NDArray loss = lossFunction.loss(network.logits(store, images, gates, true), labels);
        if (share != 1.0) {
            loss = loss.mul(scope.full(new Shape(), (float) share, loss.getDataType()));
        }
        return new PathForward(path, share, loss, gates);
    }

    /** What the forward and its backward measured; call after the backward. */
    ShardResult result() {
        return new ShardResult(path, share, loss.toType(DataType.FLOAT64, false).getDouble(), gates == null ? null : UnitGates.credit(gates));
    }
}
