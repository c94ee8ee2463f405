package io.kubenas.trainer.dsnas;

import io.kubenas.trainer.random.SplitMix64;

/**
 * Draws the path of a step: for each layer i a hard one-hot Z_i ~ Categorical(softmax(α_i)), as an index.
 * DSNAS samples the categorical directly: no Gumbel noise, no temperature (docs/algorithms.md §2.1).
 * Fixed layers always give their fixed candidate.
 */
public final class PathSampler {
    private final long seed;

    public PathSampler(long seed) {
        this.seed = seed;
    }

    /** The path of global step {@code step}: a pure function of (seed, step, α), so resumes repeat it. */
    public int[] sampleForStep(ArchitectureParameters alpha, long step) {
        return sample(alpha, new SplitMix64(SplitMix64.mix(seed, SearchStreams.PATH_SAMPLING, step)));
    }

    /**
     * The path of shard {@code shard} of global step {@code step} when a step is split over several devices,
     * each sampling its own path: shard 0 draws {@link #sampleForStep}'s path (one device changes nothing),
     * the others draw from streams of their own.
     */
    public int[] sampleForShard(ArchitectureParameters alpha, long step, int shard) {
        if (shard == 0) {
            return sampleForStep(alpha, step);
        }
        return sample(alpha, new SplitMix64(SplitMix64.mix(seed, SearchStreams.PATH_SAMPLING, step, shard)));
    }

    /**
     * One draw per layer by inverting the cumulative distribution with one uniform. A fixed layer consumes
     * its uniform too, so fixing a layer does not shift the other layers' draws.
     */
    public static int[] sample(ArchitectureParameters alpha, SplitMix64 random) {
        int[] path = new int[alpha.layerCount()];
        for (int i = 0; i < path.length; i++) {
            double u = random.nextDouble();
            double[] p = alpha.samplingProbabilities(i);
            int c = 0;
            double cumulative = p[0];
            while (u >= cumulative && c < p.length - 1) {
                c++;
                cumulative += p[c];
            }
            path[i] = c;
        }
        return path;
    }
}
