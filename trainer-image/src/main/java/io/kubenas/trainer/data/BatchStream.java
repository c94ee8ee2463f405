package io.kubenas.trainer.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The batches of one epoch, from a starting position. With prefetch, the next batch is assembled on a
 * daemon thread while the caller trains on the current one; NDArrays are only ever created on the
 * caller's thread. Close it (try-with-resources) to stop its threads; each batch is closed by the caller.
 *
 * <p>Over an image folder the stream also owns one decode thread per processor ({@link DecodeWorkers}),
 * which decode the images of the batch being assembled. Prefetch stays one batch deep: a batch's decoding
 * already uses every processor, so a deeper queue would hold more batches without serving them faster.
 * What the stream holds is thus bounded by the batch size, not the dataset: the batch the caller trains on,
 * the one being assembled, and one image's bytes and floats per decode thread.
 *
 * <p>An image that fails to decode (damaged data the header check at load could not see) ends the stream
 * with the {@link DatasetUnavailableException} the decoder threw, naming the file, whichever thread found
 * it: the CLI turns it into exit code 64 (invalid input) as it does for errors found at load.
 */
public final class BatchStream implements Iterator<ImageBatch>, AutoCloseable {
    private final NDManager manager;
    private final BatchLoader loader;
    private final int epoch;
    private final int[] order;
    private final int end;
    private final ExecutorService prefetcher;
    private final DecodeWorkers decoders;
    private int nextBatch;
    private CompletableFuture<BatchAssembler.PreparedBatch> pending;

    BatchStream(NDManager manager, BatchLoader loader, DataPosition from, boolean prefetch) {
        this.manager = manager;
        this.loader = loader;
        this.epoch = from.epoch();
        this.order = loader.epochOrder(epoch);
        this.end = loader.batchesPerEpoch();
        this.nextBatch = from.batch();
        this.prefetcher = prefetch && nextBatch < end ? Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "kubenas-batch-prefetch");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.decoders = loader.decodesOnRead() && nextBatch < end ? DecodeWorkers.perProcessor("kubenas-image-decode") : null;
        schedule();
    }

    @Override
    public boolean hasNext() {
        return nextBatch < end;
    }

    @Override
    public ImageBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has " + end + " batches");
        }
        BatchAssembler.PreparedBatch prepared = pending != null ? await(pending) : loader.prepare(order, position(), decoders);
        pending = null;
        nextBatch++;
        schedule();
        NDManager batchManager = manager.newSubManager();
        try {
            NDArray images = batchManager.create(prepared.images(), shape(prepared.size()), DataType.FLOAT32);
            NDArray labels = batchManager.create(prepared.labels(), new Shape(prepared.size()), DataType.INT64);
            return new ImageBatch(batchManager, images, labels, prepared.size(), prepared.position());
        } catch (RuntimeException e) {
            batchManager.close();
            throw e;
        }
    }

    /** The position of the batch {@link #next()} returns next (the end of the epoch once exhausted). */
    public DataPosition position() {
        return new DataPosition(epoch, nextBatch);
    }

    /** Batches left in this epoch. */
    public int remaining() {
        return Math.max(0, end - nextBatch);
    }

    @Override
    public void close() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (prefetcher != null) {
            prefetcher.shutdownNow();
        }
        if (decoders != null) {
            decoders.close();
        }
    }

    private Shape shape(int size) {
        return new Shape(size, loader.channels(), loader.imageSize(), loader.imageSize());
    }

    private void schedule() {
        if (prefetcher != null && nextBatch < end) {
            DataPosition position = position();
            pending = CompletableFuture.supplyAsync(() -> loader.prepare(order, position, decoders), prefetcher);
        }
    }

    private static BatchAssembler.PreparedBatch await(CompletableFuture<BatchAssembler.PreparedBatch> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("assembling a batch failed", cause);
        }
    }
}
