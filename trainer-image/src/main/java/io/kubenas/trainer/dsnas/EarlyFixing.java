package io.kubenas.trainer.dsnas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DSNAS's early fixing (the "pruning" of the path): at an epoch start, a layer whose top-1 minus top-2
 * probability is at least the threshold is fixed to its top-1 candidate, and its α row is frozen from then
 * on. The supernet collapses progressively to one path. A threshold of 1 or more never fixes a layer with
 * a choice left; a layer with a single candidate is decided from the start.
 */
public final class EarlyFixing {
    private EarlyFixing() {
    }

    /** Fixes every decided layer and returns the indices of the layers fixed by this call. */
    public static List<Integer> fixDecidedLayers(ArchitectureParameters alpha, double threshold) {
        List<Integer> fixed = new ArrayList<>();
        for (int i = 0; i < alpha.layerCount(); i++) {
            if (alpha.isFixed(i)) {
                continue;
            }
            if (margin(alpha.probabilities(i)) >= threshold || alpha.candidateCount(i) == 1) {
                alpha.fix(i, alpha.choice(i));
                fixed.add(i);
            }
        }
        return fixed;
    }

    /** Top-1 minus top-2 probability (1 for a single candidate). */
    static double margin(double[] p) {
        if (p.length == 1) {
            return 1.0;
        }
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length - 1] - sorted[sorted.length - 2];
    }
}
