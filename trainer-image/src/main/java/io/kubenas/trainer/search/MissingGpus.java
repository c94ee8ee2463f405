package io.kubenas.trainer.search;

/** What a search does when the engine sees fewer GPUs than the spec asks for. */
public enum MissingGpus {
    /**
     * A trainer pod: stop before training with exit {@code GPU_NOT_VISIBLE}. The pod holds, and the budget counts,
     * every GPU it asked for ({@code ComputeBudget.devices}); on fewer, or on the CPU, it would pay for all of them
     * while working at a fraction of the speed, and what hid them (the image, the node) persists across restarts.
     */
    FAIL,
    /**
     * A local run ({@code kubenas run}) or a test: warn and train on the GPUs there are, or the CPU, so an example
     * that asks for a GPU still runs on a laptop. Nothing is billed there.
     */
    USE_WHAT_IS_THERE
}
