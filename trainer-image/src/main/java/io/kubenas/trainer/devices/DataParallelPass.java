package io.kubenas.trainer.devices;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.searchspace.Supernet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data parallel within one process: a replica of the network per extra device, each batch split into one
 * contiguous shard per device, the shards run at the same time (one thread per extra replica; the first
 * shard on the caller's thread, on the network itself).
 *
 * <p>Per step: the path's parameters and BatchNorm running statistics are copied from the network to the
 * replicas first, so a replica never runs on stale weights whatever happened in between (an update, a
 * checkpoint restored, early fixing); each shard back-propagates its mean loss weighted by its share of
 * the batch; the replicas' gradients, gate credits and losses are then added onto the network's in replica
 * order — a fixed order, so a run is as reproducible as its devices are — and the running statistics are
 * averaged. The result is the gradient of the batch's mean loss with BatchNorm normalising per shard (as
 * PyTorch's DistributedDataParallel without SyncBatchNorm). Only the network itself is updated by the
 * optimizers and checkpointed; replicas are scratch copies.
 *
 * <p>DJL's {@code GradientCollector} allows one collector per process, so each shard switches libtorch's
 * thread-local grad mode on for itself and calls the engine's backward directly.
 */
public final class DataParallelPass implements GradientPass {
    private final List<Replica> replicas = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();
    private final LossFunction loss;

    DataParallelPass(Supernet network, NDManager manager, List<Device> devices, LossFunction loss) {
        if (!"PyTorch".equals(manager.getEngine().getEngineName())) {
            throw new IllegalArgumentException("data parallel training needs the PyTorch engine, not " + manager.getEngine().getEngineName());
        }
        this.loss = loss;
        replicas.add(new Replica(network, manager));
        DataType dataType = network.getParameters().valueAt(0).getArray().getDataType();
        for (int r = 1; r < devices.size(); r++) {
            Device device = devices.get(r);
            NDManager replicaManager = NDManager.newBaseManager(device);
            replicas.add(new Replica(Supernet.create(network.space(), replicaManager, dataType), replicaManager));
            String name = "kubenas-replica-" + r + "-" + device;
            threads.add(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    @Override
    public PathResult run(NDArray images, NDArray labels, int[] path, boolean gated) {
        long batch = images.getShape().get(0);
        int used = (int) Math.min(replicas.size(), batch); // never an empty shard
        List<Parameter> own = replicas.get(0).network.parametersOnPath(path);
        List<NDManager> scopes = new ArrayList<>();
        try {
            List<Shard> shards = new ArrayList<>();
            for (int r = 0; r < used; r++) {
                Replica replica = replicas.get(r);
                if (r > 0) {
                    copyValues(own, replica.network.parametersOnPath(path));
                }
                long from = batch * r / used;
                long to = batch * (r + 1) / used;
                NDManager scope = replica.manager.newSubManager();
                scopes.add(scope);
                shards.add(new Shard(replica, slice(images, from, to, scope), slice(labels, from, to, scope), (double) (to - from) / batch, scope));
            }
            List<Future<PathResult>> running = new ArrayList<>();
            for (int r = 1; r < used; r++) {
                Shard shard = shards.get(r);
                running.add(threads.get(r - 1).submit(() -> shard.run(path, gated, loss)));
            }
            List<PathResult> results = new ArrayList<>();
            RuntimeException failure = null;
            try {
                results.add(shards.get(0).run(path, gated, loss));
            } catch (RuntimeException e) {
                failure = e;
            }
            // Every shard must be finished before the scopes close, whatever happened.
            for (Future<PathResult> shard : running) {
                try {
                    results.add(awaitUninterruptibly(shard));
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException("a replica failed", e.getCause());
                    }
                }
            }
            if (failure != null) {
                for (int r = 1; r < used; r++) {
                    discardGradients(replicas.get(r).network.parametersOnPath(path));
                }
                throw failure;
            }
            for (int r = 1; r < used; r++) {
                addGradients(replicas.get(r).network.parametersOnPath(path), own);
            }
            averageRunningStatistics(own, path, used);
            return sum(results);
        } finally {
            scopes.forEach(NDManager::close);
        }
    }

    @Override
    public List<Device> devices() {
        return replicas.stream().map(r -> r.manager.getDevice()).toList();
    }

    @Override
    public void close() {
        threads.forEach(ExecutorService::shutdownNow);
        for (int r = 1; r < replicas.size(); r++) {
            replicas.get(r).manager.close();
        }
    }

    /** Rows [from, to) of {@code whole}, on the scope's device, owned by the scope. */
    private static NDArray slice(NDArray whole, long from, long to, NDManager scope) {
        NDArray rows = whole.get(new NDIndex("{}:{}", from, to));
        rows.attach(scope);
        if (rows.getDevice().equals(scope.getDevice())) {
            return rows;
        }
        NDArray moved = rows.toDevice(scope.getDevice(), true);
        moved.attach(scope);
        return moved;
    }

    private static PathResult awaitUninterruptibly(Future<PathResult> shard) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return shard.get();
                } catch (InterruptedException e) {
                    interrupted = true; // a stop request is honoured between steps, not in the middle of one
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The network's values into the replica's parameters (same structure), across devices. */
    private static void copyValues(List<Parameter> from, List<Parameter> to) {
        for (int i = 0; i < from.size(); i++) {
            JniUtils.indexAdvPut((PtNDArray) to.get(i).getArray(), new NDIndex("..."), (PtNDArray) from.get(i).getArray());
        }
    }

    /** Adds each replica gradient onto the network's, then clears the replica's. */
    private static void addGradients(List<Parameter> replica, List<Parameter> own) {
        for (int i = 0; i < own.size(); i++) {
            if (!own.get(i).requiresGradient()) {
                continue;
            }
            PtNDArray replicaWeight = (PtNDArray) replica.get(i).getArray();
            try (NDArray target = own.get(i).getArray().getGradient(); NDArray source = replicaWeight.getGradient()) {
                addOnto(target, source);
            }
            JniUtils.zeroGrad(replicaWeight);
        }
    }

    private static void discardGradients(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (p.requiresGradient()) {
                JniUtils.zeroGrad((PtNDArray) p.getArray());
            }
        }
    }

    /**
     * Running mean and variance become the mean over the replicas that ran: the same running mean as one
     * device would keep for the whole batch, and nearly the same variance (it misses the spread between
     * the shards' means).
     */
    private void averageRunningStatistics(List<Parameter> own, int[] path, int used) {
        if (used < 2) {
            return;
        }
        for (int i = 0; i < own.size(); i++) {
            Parameter p = own.get(i);
            if (p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR) {
                continue;
            }
            NDArray target = p.getArray();
            for (int r = 1; r < used; r++) {
                addOnto(target, replicas.get(r).network.parametersOnPath(path).get(i).getArray());
            }
            target.divi(used);
        }
    }

    private static void addOnto(NDArray target, NDArray source) {
        if (source.getDevice().equals(target.getDevice())) {
            target.addi(source);
            return;
        }
        try (NDArray moved = source.toDevice(target.getDevice(), true)) {
            target.addi(moved);
        }
    }

    private static PathResult sum(List<PathResult> results) {
        double loss = 0;
        double[] credit = null;
        for (PathResult result : results) {
            loss += result.loss();
            if (result.credit() != null) {
                if (credit == null) {
                    credit = new double[result.credit().length];
                }
                for (int i = 0; i < credit.length; i++) {
                    credit[i] += result.credit()[i];
                }
            }
        }
        return new PathResult(loss, credit);
    }

    /** A network and where its parameters live. */
    private record Replica(Supernet network, NDManager manager, ParameterStore store) {
        Replica(Supernet network, NDManager manager) {
            this(network, manager, new ParameterStore(manager, false));
        }
    }

    /** One replica's part of a batch. */
    private record Shard(Replica replica, NDArray images, NDArray labels, double weight, NDManager scope) {
        PathResult run(int[] path, boolean gated, LossFunction loss) {
            boolean before = JniUtils.isGradMode();
            JniUtils.setGradMode(true); // thread-local in libtorch
            try {
                replica.network.setPath(path);
                NDArray gates = gated ? UnitGates.of(path.length, images.getDataType(), scope) : null;
                NDArray shardLoss = loss.loss(replica.network.logits(replica.store, images, gates, true), labels);
                NDArray weighted = shardLoss.mul(scope.full(new Shape(), (float) weight, shardLoss.getDataType()));
                NDArray seed = scope.ones(weighted.getShape(), weighted.getDataType());
                JniUtils.backward((PtNDArray) weighted, (PtNDArray) seed, false, false);
                return new PathResult(weighted.toType(DataType.FLOAT64, false).getDouble(), gates == null ? null : UnitGates.credit(gates));
            } finally {
                JniUtils.setGradMode(before);
            }
        }
    }
}
