package io.kubenas.trainer.random;

/**
 * The trainer's one random-number generator: SplitMix64 (Steele, Lea, Flood 2014), written out so that a seed
 * gives the same draws on every JVM ({@link java.util.SplittableRandom} does not promise its algorithm across
 * releases) and so that the whole state is one {@code long}.
 *
 * <p>Every random choice of a run — data splits, shuffles, augmentation, α's initialisation, each step's path,
 * the engine's reseeding, TE-NAS's weights and inputs — comes from a generator seeded with {@link #mix} of
 * (seed, purpose, position...). Each draw is then a pure function of where it happens, which is what lets a
 * resumed run see exactly what an uninterrupted one sees, with nothing but counters in the checkpoint.
 */
public final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** A well-mixed seed for the tuple (parts...), so nearby tuples give unrelated streams. */
    public static long mix(long... parts) {
        long h = 0x6A09E667F3BCC909L;
        for (long p : parts) {
            h = finalizer(h ^ finalizer(p + GOLDEN_GAMMA));
        }
        return h;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return finalizer(state);
    }

    /** Uniform in [0, bound): rejects draws from the incomplete top block, so there is no modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long u = nextLong() >>> 1; // 63 uniform bits
        long r = u % bound;
        while (u - r + (bound - 1) < 0) { // overflow: u fell into the incomplete top block
            u = nextLong() >>> 1;
            r = u % bound;
        }
        return (int) r;
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal, Box-Muller from two fresh uniforms (no cached spare: the state stays one long). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** Shuffles in place (Fisher-Yates). */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private static long finalizer(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
