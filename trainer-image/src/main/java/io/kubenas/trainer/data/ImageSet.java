package io.kubenas.trainer.data;

/**
 * Labelled images as uint8 pixels, each channel-planar (C×H×W, like the tensors it becomes). Batches are
 * made from them by {@link BatchLoader}. The pixels come from one of two {@link PixelSource}s:
 *
 * <ul>
 *   <li>one byte array in the Java heap, for the built-in datasets and sets built in code: a set of 60,000
 *       Fashion-MNIST images is 47 MB, and one NDArray per image would cost far more in native handles and
 *       allocation;</li>
 *   <li>image files, decoded each time an image is read ({@link ImageFolderReader}): a folder's decoded
 *       pixels need not fit in memory, and only the batches being assembled are held.</li>
 * </ul>
 */
public final class ImageSet {
    private final PixelSource pixels;
    private final int[] labels;
    private final int channels;
    private final int size;

    /**
     * A set held in the heap.
     *
     * @param pixels count × channels × size × size bytes, image after image, each C×H×W
     * @param labels class index per image
     */
    public ImageSet(byte[] pixels, int[] labels, int channels, int size) {
        this(heap(pixels, labels, channels, size), labels, channels, size);
    }

    private ImageSet(PixelSource pixels, int[] labels, int channels, int size) {
        if (pixels.count() != labels.length) {
            throw new IllegalArgumentException(pixels.count() + " images but " + labels.length + " labels");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.size = size;
    }

    /** A set whose images are decoded from these files each time they are read. */
    static ImageSet decodedOnRead(ImageFiles files, int[] labels) {
        ImageFileDecoder decoder = files.decoder();
        return new ImageSet(files, labels, decoder.channels(), decoder.imageSize());
    }

    private static PixelSource heap(byte[] pixels, int[] labels, int channels, int size) {
        if (channels < 1 || size < 1) {
            throw new IllegalArgumentException("channels and size must be positive, got " + channels + " and " + size);
        }
        long expected = (long) labels.length * channels * size * size;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(
                    "expected " + expected + " pixel bytes for " + labels.length + " images of " + channels + "x" + size + "x"
                            + size + ", got " + pixels.length);
        }
        return new PixelSource.InHeap(pixels, channels * size * size);
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

    /** A copy of one image's pixels (C×H×W); for a folder, the image is decoded on this thread. */
    public byte[] image(int index) {
        byte[] copy = new byte[imageBytes()];
        PixelSource.View view = pixels.read(index, copy);
        if (view.array() != copy) {
            System.arraycopy(view.array(), view.offset(), copy, 0, copy.length);
        }
        return copy;
    }

    /**
     * Image {@code index}'s pixels for the batch assembler and the normalisation: a view into the backing
     * array of a heap set (read, never written), or {@code scratch} after decoding.
     */
    PixelSource.View pixels(int index, byte[] scratch) {
        return pixels.read(index, scratch);
    }

    /** True when reading an image decodes a file (an image folder): see {@link PixelSource#decodesOnRead()}. */
    boolean decodesOnRead() {
        return pixels.decodesOnRead();
    }

    /** A new set with the images at these indices, in this order: a heap set copies their pixels, a folder its paths. */
    public ImageSet select(int[] indices) {
        int[] selectedLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            selectedLabels[i] = labels[indices[i]];
        }
        return new ImageSet(pixels.select(indices), selectedLabels, channels, size);
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
