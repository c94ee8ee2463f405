package io.kubenas.trainer.searchspace;

import ai.djl.ndarray.NDArray;
import java.util.function.Consumer;

/**
 * Where a network's ReLU outputs can be watched. DJL has no forward hooks, and TE-NAS counts linear
 * regions from the sign pattern of every ReLU (docs/algorithms.md §3.3), so the blocks report their ReLU
 * outputs here; during a search nobody listens and it costs nothing.
 */
public final class ReluTap {
    private Consumer<NDArray> observer;

    /** Sends every ReLU output of the following forwards to {@code observer}; null stops it. */
    public void listen(Consumer<NDArray> observer) {
        this.observer = observer;
    }

    void observe(NDArray reluOutput) {
        if (observer != null) {
            observer.accept(reluOutput);
        }
    }
}
