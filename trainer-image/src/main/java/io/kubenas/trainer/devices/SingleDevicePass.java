package io.kubenas.trainer.devices;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.searchspace.ScopedInput;
import io.kubenas.trainer.searchspace.Supernet;
import java.util.List;

/** The whole batch on the network's own device (a CPU, or one GPU). */
public final class SingleDevicePass implements GradientPass {
    private final Supernet network;
    private final NDManager manager;
    private final Device device;
    private final ParameterStore store;
    private final LossFunction loss;

    SingleDevicePass(Supernet network, NDManager manager, LossFunction loss) {
        this.network = network;
        this.manager = manager;
        this.device = manager.getDevice();
        this.store = new ParameterStore(manager, false);
        this.loss = loss;
    }

    @Override
    public int shards(long batch) {
        return 1;
    }

    @Override
    public List<ShardResult> run(NDArray images, NDArray labels, List<int[]> paths, boolean gated) {
        if (paths.size() != 1) {
            throw new IllegalArgumentException("one device runs one path per batch, got " + paths.size());
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = ScopedInput.on(device, images, scope);
            NDArray y = ScopedInput.on(device, labels, scope);
            PathForward forward;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                forward = PathForward.of(network, store, paths.get(0), x, y, 1.0, gated, loss, scope);
                collector.backward(forward.loss());
            }
            return List.of(forward.result());
        }
    }

    @Override
    public List<Device> devices() {
        return List.of(device);
    }

    @Override
    public void close() {
        // Nothing of its own: the network and its manager belong to the caller.
    }
}
