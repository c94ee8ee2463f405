package io.kubenas.trainer.devices;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kubenas.trainer.searchspace.Supernet;
import java.util.Collections;
import java.util.List;

/**
 * Forward and backward of one batch in training mode, split into shards (one per device), each shard along
 * its own path: afterwards the parameters of the network the pass was made for hold the gradient of the
 * batch's loss — the shards' mean losses weighted by their shares of the batch — ready for the optimizer.
 * A parameter on several shards' paths gets the sum of their contributions. Every intermediate array is
 * freed before {@link #run} returns.
 */
public interface GradientPass extends AutoCloseable {

    /** Into how many shards a batch of {@code batch} images is split: one path is needed per shard. */
    int shards(long batch);

    /**
     * @param images float32 [B, C, H, W], normalised, on any device
     * @param labels int64 [B] class indices
     * @param paths one path per shard ({@link #shards}), the candidate index of each layer
     * @param gated whether each layer's output is multiplied by a unit gate Z_i whose gradient
     *     ({@link ShardResult#credit}) DSNAS needs; the forward is the same either way
     * @return one result per shard, in device order
     */
    List<ShardResult> run(NDArray images, NDArray labels, List<int[]> paths, boolean gated);

    /** The whole batch along one path (every shard runs it): the batch's loss and credit. */
    default PathResult run(NDArray images, NDArray labels, int[] path, boolean gated) {
        return PathResult.sum(run(images, labels, Collections.nCopies(shards(images.getShape().get(0)), path), gated));
    }

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
