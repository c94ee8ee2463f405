package io.kubenas.trainer.dsnas;

/**
 * The search's own random numbers: SplitMix64 (Steele, Lea, Flood 2014), written out so a seed gives the
 * same draws on every JVM ({@link java.util.SplittableRandom} does not promise its algorithm across
 * releases) and so the whole state is one {@code long}.
 *
 * <p>Draws that belong to a step come from a generator seeded with {@link #mix}(seed, purpose, step): each
 * step's path is a pure function of the seed and the step number, so a resumed search samples exactly what
 * an uninterrupted one would, with nothing but the step counter in the checkpoint.
 */
public final class SearchRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** Purposes, mixed into seeds so the streams of different uses never coincide. */
    static final long ARCHITECTURE_INIT = 1;
    static final long PATH_SAMPLING = 2;
    static final long ENGINE = 3;

    private long state;

    public SearchRandom(long seed) {
        this.state = seed;
    }

    /** The generator's whole state (for checkpoints). */
    public long state() {
        return state;
    }

    public long nextLong() {
        state += GOLDEN_GAMMA;
        return finalizer(state);
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

    /** A well-mixed seed for the tuple (parts...), so nearby tuples give unrelated streams. */
    public static long mix(long... parts) {
        long h = 0x6A09E667F3BCC909L;
        for (long p : parts) {
            h = finalizer(h ^ finalizer(p + GOLDEN_GAMMA));
        }
        return h;
    }

    private static long finalizer(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
