package io.kubenas.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that decode image files: a {@link BatchStream}'s over a folder (for as long as the stream is
 * open), and those that check a folder's headers or sample its normalisation. Work over {@code count} items
 * is split into one contiguous range per thread, and the caller waits for all of them.
 *
 * <p>A failure in a worker reaches the caller as the exception the worker threw (a
 * {@link DatasetUnavailableException} naming the file stays one), not wrapped in an
 * {@link ExecutionException}; when several ranges fail, the first range's failure is the one thrown, so the
 * same broken folder always reports the same file.
 */
final class DecodeWorkers implements AutoCloseable {
    /** A task over the items [from, to). */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    private final ExecutorService pool;
    private final int threads;

    private DecodeWorkers(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        AtomicInteger next = new AtomicInteger();
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, name + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One thread per processor the JVM may use (a container's CPU limit, when it has one): decoding is CPU work. */
    static DecodeWorkers perProcessor(String name) {
        return new DecodeWorkers(name, Runtime.getRuntime().availableProcessors());
    }

    static DecodeWorkers of(String name, int threads) {
        return new DecodeWorkers(name, threads);
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task} over [0, count), one contiguous range per thread, and returns when all are done. */
    void forEachRange(int count, RangeTask task) {
        int parts = Math.min(threads, count);
        if (parts <= 1) {
            if (count > 0) {
                task.run(0, count);
            }
            return;
        }
        List<Future<?>> ranges = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) count * p / parts);
            int to = (int) ((long) count * (p + 1) / parts);
            ranges.add(pool.submit(() -> task.run(from, to)));
        }
        try {
            for (Future<?> range : ranges) {
                range.get();
            }
        } catch (InterruptedException e) {
            cancel(ranges);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding images", e);
        } catch (ExecutionException e) {
            cancel(ranges);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("decoding images failed", cause);
        }
    }

    private static void cancel(List<Future<?>> ranges) {
        for (Future<?> range : ranges) {
            range.cancel(true);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
