package io.kubenas.trainer.data;

/**
 * The SplitMix64 generator (Steele, Lea, Flood 2014), written out here so that shuffles, splits and
 * augmentation are bit-for-bit the same on every JVM: {@link java.util.SplittableRandom} does not
 * promise its algorithm across releases.
 *
 * <p>{@link #mix} derives independent seeds from (seed, epoch, position) tuples, which lets every
 * random choice of the data pipeline be a pure function of its position. That is what makes a
 * resumed run see the same batches without saving any generator state.
 */
final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return finalizer(state);
    }

    /** Uniform in [0, bound): rejects draws from the incomplete top block, so there is no modulo bias. */
    int nextInt(int bound) {
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

    boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** Shuffles in place (Fisher-Yates). */
    void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** A well-mixed seed for the tuple (parts...), so nearby tuples give unrelated streams. */
    static long mix(long... parts) {
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
