package io.kubenas.trainer.data;

import io.kubenas.trainer.random.SplitMix64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Builds one batch as native-order direct buffers (float32 images N×C×H×W, int64 labels N) from the uint8
 * images: a table lookup per pixel normalises, and augmentation is an index shift, so a Fashion-MNIST batch
 * of 64 costs well under a millisecond. Pure Java and stateless between calls, so it can run on a
 * prefetch thread; NDArrays are made later, on the trainer's thread.
 *
 * <p>Images are normalised one at a time into a scratch array and copied into the direct buffer, so the
 * heap holds one image's floats per thread, not the batch's. For an image folder each image is decoded
 * first, and the batch's images are spread over the stream's {@link DecodeWorkers}: every image's result
 * depends only on (seed, epoch, its position), so which thread does it changes nothing.
 *
 * <p>The buffers are fresh for every batch: DJL's PyTorch engine wraps a direct buffer without copying,
 * so a reused buffer would change tensors still in use.
 */
final class BatchAssembler {
    /** Keeps the augmentation stream apart from the shuffle and split streams of the same seed. */
    private static final long AUGMENT_STREAM = 0x5EED_0003L;
    /** Erased rectangles' aspect ratio is drawn uniformly in log space: h/w and w/h equally likely. */
    private static final double LOG_ERASED_ASPECT_MAX = Math.log(Augmentation.ERASED_ASPECT_MAX);

    private final ImageSet images;
    private final float[][] lookup;
    private final Augmentation augmentation;
    private final long seed;

    BatchAssembler(ImageSet images, Normalization normalization, Augmentation augmentation, long seed) {
        if (normalization.channels() != images.channels()) {
            throw new IllegalArgumentException("normalisation has " + normalization.channels() + " channels, the images "
                    + images.channels());
        }
        this.images = images;
        this.lookup = normalization.lookupTables();
        this.augmentation = augmentation;
        this.seed = seed;
    }

    /** Pixel data and labels ready to become NDArrays. */
    record PreparedBatch(ByteBuffer images, ByteBuffer labels, int size, DataPosition position) {
    }

    /**
     * @param order image indices of the epoch in the order they are served
     * @param from index into {@code order} of the batch's first image (= its position in the epoch)
     * @param decoders the threads that decode the images of a folder; null decodes on this thread
     */
    PreparedBatch prepare(int[] order, int from, int count, DataPosition position, DecodeWorkers decoders) {
        int perImage = images.imageBytes();
        ByteBuffer labels = ByteBuffer.allocateDirect(count * Long.BYTES).order(ByteOrder.nativeOrder());
        for (int j = 0; j < count; j++) {
            labels.putLong(j * Long.BYTES, images.label(order[from + j]));
        }
        ByteBuffer imageBuffer = ByteBuffer.allocateDirect(Math.multiplyExact(Math.multiplyExact(count, perImage), Float.BYTES))
                .order(ByteOrder.nativeOrder());
        FloatBuffer values = imageBuffer.asFloatBuffer();
        if (decoders != null && images.decodesOnRead()) {
            decoders.forEachRange(count, (first, end) -> fill(order, from, first, end, position, values));
        } else {
            fill(order, from, 0, count, position, values);
        }
        return new PreparedBatch(imageBuffer, labels, count, position);
    }

    /** Writes the batch's images [first, end) into {@code out}; absolute writes, so threads may share it. */
    private void fill(int[] order, int from, int first, int end, DataPosition position, FloatBuffer out) {
        int side = images.size();
        int plane = side * side;
        int perImage = images.imageBytes();
        byte[] scratch = images.decodesOnRead() ? new byte[perImage] : null;
        float[] image = new float[perImage];
        for (int j = first; j < end; j++) {
            PixelSource.View pixels = images.pixels(order[from + j], scratch);
            if (augmentation.isEnabled()) {
                SplitMix64 random = new SplitMix64(SplitMix64.mix(seed, AUGMENT_STREAM, position.epoch(), from + j));
                int pad = augmentation.cropPadding();
                int dx = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
                int dy = pad == 0 ? 0 : random.nextInt(2 * pad + 1) - pad;
                boolean flip = augmentation.horizontalFlip() && random.nextBoolean();
                fillAugmented(pixels.array(), pixels.offset(), image, 0, side, dx, dy, flip);
                // Drawn after the crop and the flip, so enabling erasing leaves their draws as they were.
                if (augmentation.randomErasing() > 0 && random.nextDouble() < augmentation.randomErasing()) {
                    erase(image, side, random);
                }
            } else {
                fillPlain(pixels.array(), pixels.offset(), image, 0, plane);
            }
            out.put(j * perImage, image);
        }
    }

    private void fillPlain(byte[] pixels, int src, float[] values, int dst, int plane) {
        for (int c = 0; c < lookup.length; c++) {
            float[] table = lookup[c];
            int s = src + c * plane;
            int d = dst + c * plane;
            for (int i = 0; i < plane; i++) {
                values[d + i] = table[pixels[s + i] & 0xFF];
            }
        }
    }

    /**
     * Sets a random rectangle of every channel to 0, the dataset mean after normalisation. Up to 10 draws of area
     * and aspect ratio until the rectangle fits in the image (torchvision's rule); none fitting erases nothing.
     */
    private static void erase(float[] values, int side, SplitMix64 random) {
        int area = side * side;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * (Augmentation.ERASED_AREA_MIN
                    + random.nextDouble() * (Augmentation.ERASED_AREA_MAX - Augmentation.ERASED_AREA_MIN));
            double aspect = Math.exp(-LOG_ERASED_ASPECT_MAX + random.nextDouble() * 2 * LOG_ERASED_ASPECT_MAX);
            int h = (int) Math.round(Math.sqrt(target * aspect));
            int w = (int) Math.round(Math.sqrt(target / aspect));
            if (h < 1 || w < 1 || h >= side || w >= side) {
                continue;
            }
            int top = random.nextInt(side - h + 1);
            int left = random.nextInt(side - w + 1);
            for (int c = 0; c < values.length / area; c++) {
                for (int y = top; y < top + h; y++) {
                    int row = c * area + y * side;
                    java.util.Arrays.fill(values, row + left, row + left + w, 0f);
                }
            }
            return;
        }
    }

    /**
     * out(y, x) = padded(y + dy, x' + dx) with x' = side-1-x when flipped: a window of the zero-padded
     * image, shifted by (dx, dy) from the centre, then mirrored.
     */
    private void fillAugmented(byte[] pixels, int src, float[] values, int dst, int side, int dx, int dy, boolean flip) {
        int plane = side * side;
        for (int c = 0; c < lookup.length; c++) {
            float[] table = lookup[c];
            float padValue = table[0];
            int s = src + c * plane;
            int d = dst + c * plane;
            for (int y = 0; y < side; y++) {
                int sy = y + dy;
                int row = d + y * side;
                if (sy < 0 || sy >= side) {
                    java.util.Arrays.fill(values, row, row + side, padValue);
                    continue;
                }
                int srcRow = s + sy * side;
                for (int x = 0; x < side; x++) {
                    int sx = (flip ? side - 1 - x : x) + dx;
                    values[row + x] = sx < 0 || sx >= side ? padValue : table[pixels[srcRow + sx] & 0xFF];
                }
            }
        }
    }
}
