package io.kubenas.trainer.tenas;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts linear regions: inputs whose ReLU activation patterns (which units are on) are identical lie in the
 * same linear piece of the network, so the number of distinct patterns over many inputs estimates how many
 * regions the network carves the input space into. Higher means more expressive.
 */
public final class LinearRegions {
    private final Set<PatternKey> patterns = new HashSet<>();

    /** Records one sample's pattern: {@code on[i]} is true when ReLU unit i is positive. */
    public void add(boolean[] on) {
        long[] bits = new long[(on.length + 63) / 64];
        for (int i = 0; i < on.length; i++) {
            if (on[i]) {
                bits[i >>> 6] |= 1L << (i & 63);
            }
        }
        patterns.add(new PatternKey(bits, on.length));
    }

    /** Records a sample from its pre-activation values (a unit is on when its input is > 0). */
    public void addPreActivations(float[] values) {
        boolean[] on = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            on[i] = values[i] > 0;
        }
        add(on);
    }

    public int count() {
        return patterns.size();
    }

    private record PatternKey(long[] bits, int length) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PatternKey k && k.length == length && Arrays.equals(k.bits, bits);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(bits) + length;
        }
    }
}
