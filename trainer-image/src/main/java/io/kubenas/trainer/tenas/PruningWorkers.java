package io.kubenas.trainer.tenas;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Scores a network and its variants without one candidate each, on one or more replicas of the network
 * in parallel: the cost of TE-NAS is thousands of tiny backward passes, which libtorch cannot spread over
 * cores itself (each op is far below its parallel grain), so whole evaluations are spread instead.
 *
 * <p>The PyTorch engine runs with one intra-op thread until {@link #close()}, whatever the worker count:
 * <ul>
 *   <li>the ops are far too small to gain from intra-op threads, and idle ones spin-wait: on a busy
 *       2-core machine κ of a small supernet took 700 ms with 2 intra-op threads and 60 ms with 1, and a
 *       whole test pruning 20 times longer (measured here);</li>
 *   <li>results then do not depend on the machine's core count: a different intra-op split changes the
 *       float rounding of reductions (seen here in the 6th digit of Δκ), so "same seed, same result"
 *       holds across machines.</li>
 * </ul>
 */
final class PruningWorkers implements AutoCloseable {

    /** Scores one network as it is (weights and masks already set). */
    @FunctionalInterface
    interface Scorer {
        double score(PrunableNetwork network);
    }

    private final int workers;
    private final ExecutorService pool;
    private final int intraOpThreadsBefore;

    PruningWorkers(int workers) {
        this.workers = workers;
        boolean pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        intraOpThreadsBefore = pytorch ? JniUtils.getNumThreads() : 0;
        if (pytorch) {
            JniUtils.setNumThreads(1);
        }
        if (workers == 1) {
            pool = null;
            return;
        }
        AtomicInteger number = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "kubenas-tenas-worker-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * values[0] scores the network with the {@code active} masks, values[1 + i] the network without
     * candidate {@code scored[i] = (layer, candidate)}. Every replica first gets the masks and the weights of
     * {@code weightSeed}. Workers take the next unscored entry; each entry is a pure function of weights,
     * inputs and masks, so the values do not depend on which worker scored what.
     */
    double[] score(List<PrunableNetwork> replicas, long weightSeed, List<boolean[]> active, List<int[]> scored, Scorer scorer) {
        for (PrunableNetwork replica : new LinkedHashSet<>(replicas)) {
            for (int l = 0; l < active.size(); l++) {
                replica.setActive(l, active.get(l).clone());
            }
            replica.reinitialize(weightSeed);
        }
        double[] values = new double[scored.size() + 1];
        AtomicInteger next = new AtomicInteger();
        IntConsumer work = w -> {
            PrunableNetwork network = replicas.get(w);
            for (int i = next.getAndIncrement(); i < values.length; i = next.getAndIncrement()) {
                if (i == 0) {
                    values[0] = scorer.score(network);
                    continue;
                }
                int layer = scored.get(i - 1)[0];
                boolean[] without = active.get(layer).clone();
                without[scored.get(i - 1)[1]] = false;
                network.setActive(layer, without);
                try {
                    values[i] = scorer.score(network);
                } finally {
                    network.setActive(layer, active.get(layer).clone());
                }
            }
        };
        if (pool == null) {
            work.accept(0);
            return values;
        }
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < Math.min(workers, replicas.size()); w++) {
            int worker = w;
            running.add(pool.submit(() -> work.accept(worker)));
        }
        for (Future<?> f : running) {
            await(f);
        }
        return values; // Future.get() orders the workers' writes before this read
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (intraOpThreadsBefore > 0) {
            JniUtils.setNumThreads(intraOpThreadsBefore);
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pruning", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a pruning worker failed", e.getCause());
        }
    }
}
