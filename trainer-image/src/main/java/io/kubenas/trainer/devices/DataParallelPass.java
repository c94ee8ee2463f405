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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data parallel within one process: a replica of the network per extra device, each batch split into one
 * contiguous shard per device, the shards run at the same time (one thread per extra replica; the first
 * shard on the caller's thread, on the network itself). Each shard runs its own path: DSNAS samples one
 * per device, so a step sees several paths (docs/algorithms.md §2.5); a child step gives all the same.
 *
 * <p>Per step: each replica first gets its path's parameters and BatchNorm running statistics from the
 * network, so it never runs on stale weights whatever happened in between (an update, a checkpoint
 * restored, early fixing); each shard back-propagates its mean loss weighted by its share of the batch;
 * the replicas' gradients are then added onto the network's in replica order — a fixed order, so a run is
 * as reproducible as its devices are — and each running statistic becomes its mean over the shards whose
 * path used it. BatchNorm normalises per shard (as PyTorch's DistributedDataParallel without
 * SyncBatchNorm). Only the network itself is updated by the optimizers and checkpointed; replicas are
 * scratch copies.
 *
 * <p>DJL's {@code GradientCollector} allows one collector per process, so each shard switches libtorch's
 * thread-local grad mode on for itself and calls the engine's backward directly.
 */
public final class DataParallelPass implements GradientPass {
    private final List<Replica> replicas = new ArrayList<>();
    private final List<ExecutorService> threads = new ArrayList<>();
    private final LossFunction loss;
    /** The network's parameters known to have a gradient tensor (see {@link #defineGradient}). */
    private final Set<Parameter> gradientDefined = Collections.newSetFromMap(new IdentityHashMap<>());

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
    public int shards(long batch) {
        return (int) Math.min(replicas.size(), batch); // never an empty shard
    }

    @Override
    public List<ShardResult> run(NDArray images, NDArray labels, List<int[]> paths, boolean gated) {
        long batch = images.getShape().get(0);
        int used = shards(batch);
        if (paths.size() != used) {
            throw new IllegalArgumentException("a batch of " + batch + " images runs as " + used + " shards, got " + paths.size() + " paths");
        }
        Supernet network = replicas.get(0).network;
        List<NDManager> scopes = new ArrayList<>();
        try {
            List<Shard> shards = new ArrayList<>();
            for (int r = 0; r < used; r++) {
                Replica replica = replicas.get(r);
                if (r > 0) {
                    copyValues(network.parametersOnPath(paths.get(r)), replica.network.parametersOnPath(paths.get(r)));
                }
                long from = batch * r / used;
                long to = batch * (r + 1) / used;
                NDManager scope = replica.manager.newSubManager();
                scopes.add(scope);
                shards.add(new Shard(replica, paths.get(r), slice(images, from, to, scope), slice(labels, from, to, scope),
                        (double) (to - from) / batch, scope));
            }
            List<Future<ShardResult>> running = new ArrayList<>();
            for (int r = 1; r < used; r++) {
                Shard shard = shards.get(r);
                running.add(threads.get(r - 1).submit(() -> shard.run(gated, loss)));
            }
            List<ShardResult> results = new ArrayList<>();
            RuntimeException failure = null;
            try {
                results.add(shards.get(0).run(gated, loss));
            } catch (RuntimeException e) {
                failure = e;
            }
            // Every shard must be finished before the scopes close, whatever happened.
            for (Future<ShardResult> shard : running) {
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
                    Gradients.discard(replicas.get(r).network.parametersOnPath(paths.get(r)));
                }
                throw failure;
            }
            gather(paths);
            return results;
        } finally {
            scopes.forEach(NDManager::close);
        }
    }

    /**
     * Adds the replicas' gradients onto the network's, replica by replica, and sets each running statistic
     * to its mean over the shards whose path used it.
     */
    private void gather(List<int[]> paths) {
        Supernet network = replicas.get(0).network;
        Map<Parameter, List<NDArray>> statistics = new IdentityHashMap<>();
        for (Parameter p : network.parametersOnPath(paths.get(0))) {
            if (isRunningStatistic(p)) {
                statistics.computeIfAbsent(p, k -> new ArrayList<>()).add(p.getArray());
            }
        }
        for (int r = 1; r < paths.size(); r++) {
            List<Parameter> own = network.parametersOnPath(paths.get(r));
            List<Parameter> replica = replicas.get(r).network.parametersOnPath(paths.get(r));
            for (int i = 0; i < own.size(); i++) {
                Parameter p = own.get(i);
                if (p.requiresGradient()) {
                    addGradient((PtNDArray) replica.get(i).getArray(), p);
                } else if (isRunningStatistic(p)) {
                    statistics.computeIfAbsent(p, k -> new ArrayList<>()).add(replica.get(i).getArray());
                }
            }
        }
        statistics.forEach(DataParallelPass::setToMean);
    }

    /** The replica's gradient onto the network's parameter, then cleared on the replica. */
    private void addGradient(PtNDArray replicaWeight, Parameter own) {
        PtNDArray weight = (PtNDArray) own.getArray();
        if (!gradientDefined.contains(own)) {
            defineGradient(weight);
            gradientDefined.add(own);
        }
        try (NDArray target = weight.getGradient(); NDArray source = replicaWeight.getGradient()) {
            addOnto(target, source);
        }
        JniUtils.zeroGrad(replicaWeight);
    }

    /**
     * A parameter that no backward on this network has reached yet has no gradient tensor, and DJL then hands
     * out a detached zero array: adding onto that would be lost. A backward of 0 · Σw gives it a real one.
     */
    private static void defineGradient(PtNDArray weight) {
        PtNDArray existing = JniUtils.getGradient(weight);
        if (existing != null) {
            existing.close();
            return;
        }
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager scope = weight.getManager().newSubManager()) {
            NDArray sum = weight.sum();
            sum.attach(scope);
            NDArray zero = sum.mul(scope.zeros(sum.getShape(), sum.getDataType()));
            JniUtils.backward((PtNDArray) zero, (PtNDArray) scope.ones(zero.getShape(), zero.getDataType()), false, false);
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /** The network's running statistic (values[0] or not among them) becomes the mean of {@code values}. */
    private static void setToMean(Parameter own, List<NDArray> values) {
        if (values.size() == 1 && values.get(0) == own.getArray()) {
            return;
        }
        NDArray target = own.getArray();
        try (NDManager scope = target.getManager().newSubManager()) {
            NDArray sum = scope.zeros(target.getShape(), target.getDataType());
            for (NDArray value : values) {
                addOnto(sum, value);
            }
            NDArray mean = sum.div(scope.full(new Shape(), values.size(), target.getDataType()));
            JniUtils.indexAdvPut((PtNDArray) target, new NDIndex("..."), (PtNDArray) mean);
        }
    }

    private static boolean isRunningStatistic(Parameter p) {
        return p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
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

    private static ShardResult awaitUninterruptibly(Future<ShardResult> shard) throws ExecutionException {
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

    private static void addOnto(NDArray target, NDArray source) {
        if (source.getDevice().equals(target.getDevice())) {
            target.addi(source);
            return;
        }
        try (NDArray moved = source.toDevice(target.getDevice(), true)) {
            target.addi(moved);
        }
    }

    /** A network and where its parameters live. */
    private record Replica(Supernet network, NDManager manager, ParameterStore store) {
        Replica(Supernet network, NDManager manager) {
            this(network, manager, new ParameterStore(manager, false));
        }
    }

    /** One replica's part of a batch. */
    private record Shard(Replica replica, int[] path, NDArray images, NDArray labels, double share, NDManager scope) {
        ShardResult run(boolean gated, LossFunction loss) {
            boolean before = JniUtils.isGradMode();
            JniUtils.setGradMode(true); // thread-local in libtorch
            try {
                PathForward forward = PathForward.of(replica.network, replica.store, path, images, labels, share, gated, loss, scope);
                NDArray seed = scope.ones(forward.loss().getShape(), forward.loss().getDataType());
                JniUtils.backward((PtNDArray) forward.loss(), (PtNDArray) seed, false, false);
                return forward.result();
            } finally {
                JniUtils.setGradMode(before);
            }
        }
    }
}
