package io.kubenas.trainer.devices;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
        int[] path = paths.get(0);
        network.setPath(path);
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = ScopedInput.on(device, images, scope);
            NDArray y = ScopedInput.on(device, labels, scope);
            NDArray gates = gated ? UnitGates.of(path.length, x.getDataType(), scope) : null;
            NDArray lossArray;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                lossArray = loss.loss(network.logits(store, x, gates, true), y);
                collector.backward(lossArray);
            }
            double value = lossArray.toType(DataType.FLOAT64, false).getDouble();
            return List.of(new ShardResult(path, 1.0, value, gates == null ? null : UnitGates.credit(gates)));
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
