package io.kubenas.trainer.data;

/**
 * Where the training data stream stands: the next batch to be consumed. Store it in a checkpoint and
 * pass it back to {@link BatchLoader#stream} to see exactly the batches an uninterrupted run would.
 * Epochs are whatever numbering the trainer uses (the shuffle is keyed by it); batches count from 0.
 */
public record DataPosition(int epoch, int batch) {
    public DataPosition {
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
    }

    public static DataPosition startOf(int epoch) {
        return new DataPosition(epoch, 0);
    }

    /** The position after this batch has been consumed. */
    public DataPosition next() {
        return new DataPosition(epoch, batch + 1);
    }
}
