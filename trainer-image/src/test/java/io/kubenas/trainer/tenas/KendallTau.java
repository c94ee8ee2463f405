package io.kubenas.trainer.tenas;

import java.util.Arrays;
import java.util.Random;

/**
 * Kendall's rank correlation τ-b, and a percentile bootstrap interval for it: how well a training-free
 * score orders architectures the way their trained accuracy does.
 */
final class KendallTau {

    /** A two-sided confidence interval. */
    record Interval(double low, double high) {
    }

    private KendallTau() {
    }

    /**
     * τ-b = (concordant − discordant) / √((n₀ − tiesX)(n₀ − tiesY)), with n₀ = n(n−1)/2 pairs and tiesX
     * (tiesY) the pairs tied in x (in y); a pair tied in both counts in both. NaN when x or y is constant.
     * O(n²): meant for tens of architectures.
     */
    static double tauB(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
        }
        long concordant = 0;
        long discordant = 0;
        long tiedX = 0;
        long tiedY = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                int dx = Double.compare(x[i], x[j]);
                int dy = Double.compare(y[i], y[j]);
                if (dx == 0) {
                    tiedX++;
                }
                if (dy == 0) {
                    tiedY++;
                }
                if (dx != 0 && dy != 0) {
                    if (dx == dy) {
                        concordant++;
                    } else {
                        discordant++;
                    }
                }
            }
        }
        long pairs = (long) x.length * (x.length - 1) / 2;
        double denominator = Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    /**
     * The central {@code level} percentile interval of τ-b over {@code resamples} bootstrap resamples of the
     * (x, y) pairs (drawn with replacement, as many as there are pairs, from {@code new Random(seed)});
     * resamples where τ-b is undefined (all x or all y equal) are skipped.
     */
    static Interval bootstrap(double[] x, double[] y, int resamples, double level, long seed) {
        Random random = new Random(seed);
        int n = x.length;
        double[] taus = new double[resamples];
        int kept = 0;
        double[] rx = new double[n];
        double[] ry = new double[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                rx[i] = x[pick];
                ry[i] = y[pick];
            }
            double tau = tauB(rx, ry);
            if (!Double.isNaN(tau)) {
                taus[kept++] = tau;
            }
        }
        if (kept == 0) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double[] sorted = Arrays.copyOf(taus, kept);
        Arrays.sort(sorted);
        double tail = (1 - level) / 2;
        return new Interval(quantile(sorted, tail), quantile(sorted, 1 - tail));
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
    }

    /** Ranks from 1 (smallest) to n; tied values share the mean of their ranks. */
    static double[] averageRanks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length;) {
            int end = start;
            while (end + 1 < order.length && Double.compare(values[order[end + 1]], values[order[start]]) == 0) {
                end++;
            }
            double shared = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = shared;
            }
            start = end + 1;
        }
        return ranks;
    }
}
