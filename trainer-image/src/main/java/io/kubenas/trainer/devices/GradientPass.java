package io.kubenas.trainer.devices;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kubenas.trainer.searchspace.Supernet;
import java.util.List;

/**
 * Forward and backward of one batch along a path, in training mode: afterwards the path's parameters of
 * the network the pass was made for hold the gradient of the batch's mean loss, ready for the optimizer.
 * Every intermediate array is freed before {@link #run} returns.
 */
public interface GradientPass extends AutoCloseable {

    /**
     * @param images float32 [B, C, H, W], normalised, on any device
     * @param labels int64 [B] class indices
     * @param path the candidate index of each layer
     * @param gated whether each layer's output is multiplied by a unit gate Z_i whose gradient
     *     ({@link PathResult#credit}) DSNAS needs; the forward is the same either way
     */
    PathResult run(NDArray images, NDArray labels, int[] path, boolean gated);

    /** The devices a batch is spread over, the network's own first. */
    List<Device> devices();

    @Override
    void close();

    /**
     * The pass for {@code network} (initialised, its parameters on {@code manager}'s device): on that device
     * alone when {@code devices} has one entry, otherwise data parallel over all of them, the first being
     * the network's own.
     */
    static GradientPass on(Supernet network, NDManager manager, List<Device> devices, LossFunction loss) {
        if (devices.isEmpty() || !devices.get(0).equals(manager.getDevice())) {
            throw new IllegalArgumentException("the first device must be the network's own (" + manager.getDevice() + "), got " + devices);
        }
        return devices.size() == 1 ? new SingleDevicePass(network, manager, loss) : new DataParallelPass(network, manager, devices, loss);
    }
}
