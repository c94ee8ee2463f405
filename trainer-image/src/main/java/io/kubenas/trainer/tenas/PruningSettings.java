package io.kubenas.trainer.tenas;

/**
 * How {@link TenasPruner} prunes.
 *
 * @param survivors candidates each layer keeps (1 for TENAS, e.g. 2 for TENAS_DSNAS)
 * @param repeats fresh weights and inputs per round, averaged (3 in the paper)
 * @param ntkBatchSize training images per NTK (N = 14–72 in the paper)
 * @param cropSize side of the square crops fed to the linear-region network (3 in the paper)
 * @param regionSamples crops per linear-region batch (1000 in the paper)
 * @param regionBatches linear-region batches per estimate (3 in the paper)
 * @param flopsTieBreak among candidates tied for pruning, prune the one with the most FLOPs
 * @param seed every weight and input draw derives from it
 */
public record PruningSettings(int survivors, int repeats, int ntkBatchSize, int cropSize, int regionSamples,
        int regionBatches, boolean flopsTieBreak, long seed) {

    public PruningSettings {
        positive("survivors", survivors);
        positive("repeats", repeats);
        if (ntkBatchSize < 2) {
            throw new IllegalArgumentException("ntkBatchSize needs at least 2 samples for a condition number, got " + ntkBatchSize);
        }
        positive("cropSize", cropSize);
        positive("regionSamples", regionSamples);
        positive("regionBatches", regionBatches);
    }

    /** The paper's settings: one survivor, 3 repeats, NTK batch 32, 3 batches of 1000 3×3 crops. */
    public static PruningSettings defaults(long seed) {
        return new PruningSettings(1, 3, 32, 3, 1000, 3, false, seed);
    }

    public PruningSettings withSurvivors(int value) {
        return new PruningSettings(value, repeats, ntkBatchSize, cropSize, regionSamples, regionBatches, flopsTieBreak, seed);
    }

    public PruningSettings withRepeats(int value) {
        return new PruningSettings(survivors, value, ntkBatchSize, cropSize, regionSamples, regionBatches, flopsTieBreak, seed);
    }

    public PruningSettings withNtkBatchSize(int value) {
        return new PruningSettings(survivors, repeats, value, cropSize, regionSamples, regionBatches, flopsTieBreak, seed);
    }

    public PruningSettings withRegionSamples(int samples, int batches) {
        return new PruningSettings(survivors, repeats, ntkBatchSize, cropSize, samples, batches, flopsTieBreak, seed);
    }

    public PruningSettings withFlopsTieBreak(boolean value) {
        return new PruningSettings(survivors, repeats, ntkBatchSize, cropSize, regionSamples, regionBatches, value, seed);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
