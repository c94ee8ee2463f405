package io.kubenas.trainer.tenas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.kubenas.trainer.data.ImageSet;
import io.kubenas.trainer.data.Normalization;
import java.util.Random;

/**
 * The inputs TE-NAS scores with, drawn from the training split and normalised like training batches: a
 * batch of whole images for the NTK, and small crops for the linear regions. Each draw is a pure function
 * of its seed ({@link java.util.Random}), so the networks N and N′ of one repeat see the same inputs and a
 * rerun with the same seed sees them again.
 */
public final class TrainingImageSampler {
    /** Redraws allowed per wanted crop before giving up on a (nearly) blank dataset. */
    private static final int MAX_DRAWS_PER_CROP = 100;

    private final ImageSet images;
    private final float[] mean;
    private final float[] std;

    public TrainingImageSampler(ImageSet images, Normalization normalization) {
        if (normalization.channels() != images.channels()) {
            throw new IllegalArgumentException("normalization has " + normalization.channels() + " channels, images have "
                    + images.channels());
        }
        this.images = images;
        this.mean = normalization.mean();
        this.std = normalization.std();
    }

    public int channels() {
        return images.channels();
    }

    /** {@code count} distinct training images, float32 [count, C, H, W], in {@code manager}. */
    public NDArray batch(NDManager manager, int count, long seed) {
        if (count > images.count()) {
            throw new IllegalArgumentException("asked for " + count + " images, the split has " + images.count());
        }
        Random random = new Random(seed);
        int[] order = new int[images.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int size = images.size();
        int per = images.imageBytes();
        float[] data = new float[count * per];
        for (int n = 0; n < count; n++) {
            int pick = n + random.nextInt(order.length - n); // partial Fisher-Yates: distinct images
            int index = order[pick];
            order[pick] = order[n];
            order[n] = index;
            byte[] pixels = images.image(index);
            for (int c = 0; c < images.channels(); c++) {
                for (int i = 0; i < size * size; i++) {
                    int at = c * size * size + i;
                    data[n * per + at] = normalise(pixels[at], c);
                }
            }
        }
        return manager.create(data, new Shape(count, images.channels(), size, size));
    }

    /**
     * {@code count} random {@code crop}×{@code crop} crops, float32 [count, channels, crop, crop]: each from a
     * random image at a random offset; with {@code channels} = 1 each takes one random channel of its image
     * (TE-NAS), with {@code channels} = the images' channels it takes all of them. Crops whose pixels are
     * all equal are drawn again: on Fashion-MNIST many crops are pure background, and a constant input
     * only ever lands in one region (docs/algorithms.md §3.3).
     */
    public NDArray crops(NDManager manager, int count, int crop, int channels, long seed) {
        if (crop > images.size()) {
            throw new IllegalArgumentException("crop " + crop + " is larger than the images (" + images.size() + ")");
        }
        if (channels != 1 && channels != images.channels()) {
            throw new IllegalArgumentException("crops have 1 or " + images.channels() + " channels, not " + channels);
        }
        Random random = new Random(seed);
        int size = images.size();
        int per = channels * crop * crop;
        float[] data = new float[count * per];
        int kept = 0;
        long draws = 0;
        byte[] window = new byte[per];
        int[] windowChannel = new int[channels];
        while (kept < count) {
            if (++draws > (long) MAX_DRAWS_PER_CROP * count) {
                throw new IllegalStateException("found only " + kept + " non-constant " + crop + "x" + crop
                        + " crops in " + (draws - 1) + " draws: the images are (nearly) blank");
            }
            byte[] pixels = images.image(random.nextInt(images.count()));
            int y = random.nextInt(size - crop + 1);
            int x = random.nextInt(size - crop + 1);
            int single = random.nextInt(images.channels());
            boolean constant = true;
            for (int c = 0; c < channels; c++) {
                int source = channels == 1 ? single : c;
                windowChannel[c] = source;
                for (int dy = 0; dy < crop; dy++) {
                    for (int dx = 0; dx < crop; dx++) {
                        byte v = pixels[source * size * size + (y + dy) * size + x + dx];
                        int at = (c * crop + dy) * crop + dx;
                        window[at] = v;
                        constant &= v == window[0];
                    }
                }
            }
            if (constant) {
                continue;
            }
            for (int i = 0; i < per; i++) {
                data[kept * per + i] = normalise(window[i], windowChannel[i / (crop * crop)]);
            }
            kept++;
        }
        return manager.create(data, new Shape(count, channels, crop, crop));
    }

    private float normalise(byte pixel, int channel) {
        return ((pixel & 0xFF) / 255f - mean[channel]) / std[channel];
    }
}
