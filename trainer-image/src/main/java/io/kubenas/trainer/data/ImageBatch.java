package io.kubenas.trainer.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;

/**
 * One batch on the trainer's device. Its arrays live in their own sub-manager, so closing the batch frees
 * them (and anything else the step attached to {@link #manager()}).
 *
 * <p>{@link #images()} is float32 [B, C, H, W], normalised. {@link #labels()} is int64 [B] holding class
 * indices: what DJL's {@code SoftmaxCrossEntropyLoss} (sparse labels, the default) picks with, what the
 * {@code Accuracy} evaluator compares to, and what {@code NDArray.oneHot} takes (for label smoothing).
 */
public final class ImageBatch implements AutoCloseable {
    private final NDManager manager;
    private final NDArray images;
    private final NDArray labels;
    private final int size;
    private final DataPosition position;
    private final int batchesInEpoch;

    ImageBatch(NDManager manager, NDArray images, NDArray labels, int size, DataPosition position, int batchesInEpoch) {
        this.manager = manager;
        this.images = images;
        this.labels = labels;
        this.size = size;
        this.position = position;
        this.batchesInEpoch = batchesInEpoch;
    }

    /** float32 [B, C, H, W], normalised. */
    public NDArray images() {
        return images;
    }

    /** int64 [B] class indices. */
    public NDArray labels() {
        return labels;
    }

    /** Images in this batch (the last evaluation batch may be smaller than the batch size). */
    public int size() {
        return size;
    }

    /** This batch's place in the data stream; {@code position().next()} is what to checkpoint after the step. */
    public DataPosition position() {
        return position;
    }

    /** The sub-manager the arrays live in. */
    public NDManager manager() {
        return manager;
    }

    /**
     * The same arrays as a DJL {@link Batch} (e.g. to {@link Batch#split} across GPUs). It shares this
     * batch's manager: closing either closes both.
     */
    public Batch toDjlBatch() {
        return new Batch(manager, new NDList(images), new NDList(labels), size, Batchifier.STACK, Batchifier.STACK,
                position.batch(), batchesInEpoch);
    }

    @Override
    public void close() {
        manager.close();
    }
}
