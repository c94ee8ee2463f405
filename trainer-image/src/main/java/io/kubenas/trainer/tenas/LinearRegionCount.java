package io.kubenas.trainer.tenas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * The number of linear regions R of a network (docs/algorithms.md §3.3): each input batch is forwarded
 * in training mode (as TE-NAS does: BatchNorm uses that batch's statistics) with a {@link ReluRecorder}
 * active, and R is the number of distinct ReLU on/off patterns over all the batches' samples.
 *
 * <p>The network must apply its ReLUs through {@link ReluRecorder}; one that does not records no units,
 * which is reported as an error instead of a count of 1. Keep the network thin: with many units every
 * sample gets its own pattern and R saturates at the sample count, which ranks nothing.
 */
public final class LinearRegionCount {
    /** R of {@code block} over {@code batches} (each {@code [B, ...]}). */
    public int count(Block block, List<NDArray> batches) {
        LinearRegions regions = new LinearRegions();
        ReluRecorder recorder = new ReluRecorder();
        for (NDArray batch : batches) {
            try (NDManager scratch = batch.getManager().newSubManager()) {
                // A private copy in the scratch manager takes the forward's intermediates with it and leaves
                // the shared batch alone for other threads.
                NDArray input = batch.duplicate();
                input.attach(scratch);
                ParameterStore store = new ParameterStore(scratch, false);
                recorder.clear();
                try (ReluRecorder.Scope ignored = recorder.activate()) {
                    block.forward(store, new NDList(input), true);
                }
                if (recorder.unitsPerSample() == 0) {
                    throw new IllegalStateException("the block recorded no ReLU: apply ReLUs through ReluRecorder");
                }
                recorder.addTo(regions);
            }
        }
        return regions.count();
    }
}
