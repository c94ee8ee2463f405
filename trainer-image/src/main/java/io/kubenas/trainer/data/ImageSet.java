package io.kubenas.trainer.data;

import java.util.Arrays;

/**
 * Labelled images held as uint8 pixels in the Java heap: one byte array for the whole set, each image
 * channel-planar (C×H×W, like the tensors it becomes). A set of 60,000 Fashion-MNIST images is 47 MB;
 * one NDArray per image would cost far more in native handles and allocation. Batches are made from
 * this array by {@link BatchLoader}.
 */
public final class ImageSet {
    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int size;

    /**
     * @param pixels count × channels × size × size bytes, image after image, each C×H×W
     * @param labels class index per image
     */
    public ImageSet(byte[] pixels, int[] labels, int channels, int size) {
        if (channels < 1 || size < 1) {
            throw new IllegalArgumentException("channels and size must be positive, got " + channels + " and " + size);
        }
        long expected = (long) labels.length * channels * size * size;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(
                    "expected " + expected + " pixel bytes for " + labels.length + " images of " + channels + "x" + size + "x"
                            + size + ", got " + pixels.length);
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.size = size;
    }

    public int count() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    /** Height = width in pixels. */
    public int size() {
        return size;
    }

    /** Bytes of one image: channels × size × size. */
    public int imageBytes() {
        return channels * size * size;
    }

    public int label(int index) {
        return labels[index];
    }

    /** A copy of the labels, in image order. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of one image's pixels (C×H×W). */
    public byte[] image(int index) {
        int n = imageBytes();
        return Arrays.copyOfRange(pixels, index * n, (index + 1) * n);
    }

    /** The backing array, not copied: only the batch assembler reads it this way, never writes. */
    byte[] pixelsUnsafe() {
        return pixels;
    }

    /** A new set with the images at these indices, in this order. */
    public ImageSet select(int[] indices) {
        int n = imageBytes();
        byte[] selected = new byte[indices.length * n];
        int[] selectedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * n, selected, i * n, n);
            selectedLabels[i] = labels[indices[i]];
        }
        return new ImageSet(selected, selectedLabels, channels, size);
    }

    /** Images per class; labels must lie in [0, classes). */
    public int[] classCounts(int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
