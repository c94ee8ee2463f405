package io.kubenas.trainer.data;

import ai.djl.ndarray.NDManager;
import io.kubenas.trainer.random.SplitMix64;

/**
 * Serves one split in batches. Training loaders shuffle per epoch and augment; evaluation loaders keep
 * the stored order and serve the last, smaller batch too. Every random choice is a function of
 * (seed, epoch, position), so {@link #stream(NDManager, DataPosition)} from a checkpointed position
 * yields exactly the batches an uninterrupted run would have seen, with no generator state to save.
 */
public final class BatchLoader {
    /** Keeps the shuffle stream apart from the split and augmentation streams of the same seed. */
    private static final long SHUFFLE_STREAM = 0x5EED_0002L;

    private final ImageSet images;
    private final BatchAssembler assembler;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final boolean prefetch;

    private BatchLoader(ImageSet images, BatchAssembler assembler, int batchSize, boolean shuffle, boolean dropLast, long seed,
            boolean prefetch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.images = images;
        this.assembler = assembler;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.seed = seed;
        this.prefetch = prefetch;
    }

    /**
     * Shuffled per epoch, augmented, full batches only (a constant batch size keeps BatchNorm statistics
     * and step costs even) — unless the split is smaller than one batch, which then is the one batch.
     */
    public static BatchLoader training(ImageSet images, Normalization normalization, Augmentation augmentation, int batchSize,
            long seed) {
        return new BatchLoader(images, new BatchAssembler(images, normalization, augmentation, seed), batchSize, true, true, seed,
                true);
    }

    /** In stored order, no augmentation, every image (the last batch may be smaller). */
    public static BatchLoader evaluation(ImageSet images, Normalization normalization, int batchSize) {
        return new BatchLoader(images, new BatchAssembler(images, normalization, Augmentation.NONE, 0), batchSize, false, false, 0,
                true);
    }

    /**
     * Whether the next batch is assembled on a background thread while the step runs (default on). Either
     * way the batches are identical: the thread only moves the work. The images of a folder are decoded by
     * the stream's decode threads either way.
     */
    public BatchLoader withPrefetch(boolean enabled) {
        return new BatchLoader(images, assembler, batchSize, shuffle, dropLast, seed, enabled);
    }

    public int channels() {
        return images.channels();
    }

    /** Height = width of the images. */
    public int imageSize() {
        return images.size();
    }

    public int imageCount() {
        return images.count();
    }

    /** Batches served per epoch. */
    public int batchesPerEpoch() {
        int n = images.count();
        if (n == 0) {
            return 0;
        }
        if (dropLast && n >= batchSize) {
            return n / batchSize;
        }
        return (n + batchSize - 1) / batchSize;
    }

    /** A whole epoch; for evaluation loaders the epoch number does not matter. */
    public BatchStream stream(NDManager manager, int epoch) {
        return stream(manager, DataPosition.startOf(epoch));
    }

    /** The rest of an epoch from {@code from}: resume here after a checkpoint. */
    public BatchStream stream(NDManager manager, DataPosition from) {
        return new BatchStream(manager, this, from, prefetch);
    }

    /** The order images are served in during {@code epoch}. */
    int[] epochOrder(int epoch) {
        int[] order = new int[images.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            new SplitMix64(SplitMix64.mix(seed, SHUFFLE_STREAM, epoch)).shuffle(order);
        }
        return order;
    }

    /** True when the images are decoded from files as batches are made (an image folder). */
    boolean decodesOnRead() {
        return images.decodesOnRead();
    }

    BatchAssembler.PreparedBatch prepare(int[] order, DataPosition position, DecodeWorkers decoders) {
        int from = position.batch() * batchSize;
        int count = Math.min(batchSize, order.length - from);
        return assembler.prepare(order, from, count, position, decoders);
    }
}
