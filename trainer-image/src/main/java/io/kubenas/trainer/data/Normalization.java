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
 * training sets. An image folder's are computed from a bounded sample of its training split.
 */
public record Normalization(float[] mean, float[] std) {
    /** At most this many images of an image folder are decoded to compute the statistics (see {@link #computedFrom}). */
    static final int FOLDER_SAMPLE = 5_000;

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

    /**
     * Mean and (population) standard deviation per channel over every pixel of these images — or, for a set
     * decoded from files (an image folder) of more than {@link #FOLDER_SAMPLE} images, over a bounded sample:
     * {@link #FOLDER_SAMPLE} images evenly spaced through the set. Reading every image would cost a full pass
     * of decoding before training starts, on every attempt. The sample pins each channel's mean to about
     * ±0.003 (photos' mean brightness varies by about 0.2 from image to image; 0.2 / √5000), and being a pure
     * function of the set's order, it gives every attempt of a search the same constants. The decoded images
     * are summed as they come, never held.
     */
    public static Normalization computedFrom(ImageSet images) {
        int[] chosen = images.decodesOnRead() && images.count() > FOLDER_SAMPLE ? evenlySpaced(images.count(), FOLDER_SAMPLE)
                : null;
        int count = chosen == null ? images.count() : chosen.length;
        PixelSums sums = new PixelSums(images.channels());
        if (images.decodesOnRead()) {
            try (DecodeWorkers workers = DecodeWorkers.perProcessor("kubenas-normalization")) {
                workers.forEachRange(count, (from, to) -> sums.add(sum(images, chosen, from, to)));
            }
        } else {
            sums.add(sum(images, chosen, 0, count));
        }
        int plane = images.size() * images.size();
        double n = (double) count * plane;
        float[] mean = new float[images.channels()];
        float[] std = new float[images.channels()];
        for (int c = 0; c < mean.length; c++) {
            double m = sums.sum[c] / n;
            double variance = Math.max(0, sums.sumSquares[c] / n - m * m);
            mean[c] = (float) (m / 255.0);
            // A constant channel (e.g. blank test images) would divide by zero: fall back to 1.
            std[c] = variance > 0 ? (float) (Math.sqrt(variance) / 255.0) : 1f;
        }
        return new Normalization(mean, std);
    }

    /** Integer sums per channel: adding them in any order gives the same totals, so threads cannot change the result. */
    private static final class PixelSums {
        final long[] sum;
        final long[] sumSquares;

        PixelSums(int channels) {
            sum = new long[channels];
            sumSquares = new long[channels];
        }

        synchronized void add(PixelSums other) {
            for (int c = 0; c < sum.length; c++) {
                sum[c] += other.sum[c];
                sumSquares[c] += other.sumSquares[c];
            }
        }
    }

    /** The sums over images [from, to) of {@code chosen} (of the whole set when null). */
    private static PixelSums sum(ImageSet images, int[] chosen, int from, int to) {
        int channels = images.channels();
        int plane = images.size() * images.size();
        PixelSums sums = new PixelSums(channels);
        byte[] scratch = images.decodesOnRead() ? new byte[images.imageBytes()] : null;
        for (int k = from; k < to; k++) {
            PixelSource.View view = images.pixels(chosen == null ? k : chosen[k], scratch);
            byte[] pixels = view.array();
            for (int c = 0; c < channels; c++) {
                long s = 0;
                long sq = 0;
                int start = view.offset() + c * plane;
                for (int i = start; i < start + plane; i++) {
                    int v = pixels[i] & 0xFF;
                    s += v;
                    sq += v * v;
                }
                sums.sum[c] += s;
                sums.sumSquares[c] += sq;
            }
        }
        return sums;
    }

    /** {@code wanted} indices in [0, count), evenly spaced, in increasing order. */
    static int[] evenlySpaced(int count, int wanted) {
        int[] indices = new int[wanted];
        for (int i = 0; i < wanted; i++) {
            indices[i] = (int) ((long) i * count / wanted);
        }
        return indices;
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
