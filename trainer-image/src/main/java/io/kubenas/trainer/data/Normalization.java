package io.kubenas.trainer.data;

import java.util.Arrays;
import java.util.List;

/**
 * Per-channel normalisation applied after scaling pixels to [0, 1]: {@code (p/255 - mean[c]) / std[c]}.
 * The exported child must apply the same constants at inference time, so they travel with it.
 *
 * <p>Unless the spec gives them (image folders may), they are computed from the <em>training split</em>
 * only, for every source: one rule, and no statistic of the validation or test images leaks into
 * training. For Fashion-MNIST this gives ≈ 0.286 / 0.353, for CIFAR-10 ≈ (0.491, 0.482, 0.447) /
 * (0.247, 0.243, 0.262) — the well-known constants, which are computed the same way over the full
 * training sets.
 */
public record Normalization(float[] mean, float[] std) {

    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need one value per channel, got " + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("every std must be > 0, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    public int channels() {
        return mean.length;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** From spec values (one per channel). */
    public static Normalization of(List<Double> mean, List<Double> std) {
        float[] m = new float[mean.size()];
        float[] s = new float[std.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = mean.get(i).floatValue();
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = std.get(i).floatValue();
        }
        return new Normalization(m, s);
    }

    /** Mean and (population) standard deviation per channel over every pixel of these images. */
    public static Normalization computedFrom(ImageSet images) {
        int channels = images.channels();
        int plane = images.size() * images.size();
        byte[] pixels = images.pixelsUnsafe();
        long[] sum = new long[channels];
        long[] sumSquares = new long[channels];
        for (int image = 0; image < images.count(); image++) {
            int base = image * channels * plane;
            for (int c = 0; c < channels; c++) {
                long s = 0;
                long sq = 0;
                int from = base + c * plane;
                for (int i = from; i < from + plane; i++) {
                    int v = pixels[i] & 0xFF;
                    s += v;
                    sq += v * v;
                }
                sum[c] += s;
                sumSquares[c] += sq;
            }
        }
        double n = (double) images.count() * plane;
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double variance = Math.max(0, sumSquares[c] / n - m * m);
            mean[c] = (float) (m / 255.0);
            // A constant channel (e.g. blank test images) would divide by zero: fall back to 1.
            std[c] = variance > 0 ? (float) (Math.sqrt(variance) / 255.0) : 1f;
        }
        return new Normalization(mean, std);
    }

    /** value[c][p] = the normalised float of raw pixel p in channel c: one lookup per pixel when batching. */
    float[][] lookupTables() {
        float[][] tables = new float[mean.length][256];
        for (int c = 0; c < mean.length; c++) {
            for (int p = 0; p < 256; p++) {
                tables[c][p] = (p / 255f - mean[c]) / std[c];
            }
        }
        return tables;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization{mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "}";
    }
}
