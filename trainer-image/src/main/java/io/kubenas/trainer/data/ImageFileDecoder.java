package io.kubenas.trainer.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one image file with {@code javax.imageio} (PNG and JPEG; BMP and GIF come free) into channel-planar
 * bytes: centre-cropped to a square, resized to {@code imageSize} (the same result as "resize the shorter side,
 * then centre-crop"), then grey or RGB per {@code channels}.
 *
 * <p>An image over {@link #MAX_PIXELS} is refused from its header, before any pixel is decoded: decoding holds
 * the whole image (and a cropped copy) in the heap, 4 bytes a pixel each, on every decoding thread at once, so
 * one huge file could otherwise exhaust the trainer's memory mid-epoch. Every failure is a
 * {@link DatasetUnavailableException} whose message names the file.
 */
final class ImageFileDecoder {
    /**
     * The most decoded pixels (width × height) an image may have: 50 megapixels, e.g. 8660×5773, larger than
     * any photo dataset's images; decoding one costs at most ≈ 400 MB of heap (the image and its square crop).
     */
    static final long MAX_PIXELS = 50_000_000L;

    private final int imageSize;
    private final int channels;

    ImageFileDecoder(int imageSize, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (imageSize < 1) {
            throw new IllegalArgumentException("imageSize must be positive, got " + imageSize);
        }
        this.imageSize = imageSize;
        this.channels = channels;
    }

    int imageSize() {
        return imageSize;
    }

    int channels() {
        return channels;
    }

    /** Bytes of one decoded image: channels × imageSize × imageSize. */
    int imageBytes() {
        return channels * imageSize * imageSize;
    }

    /**
     * Reads only the header: that {@code javax.imageio} knows the format and that the image is within
     * {@link #MAX_PIXELS}. Damaged pixel data further in the file is found only by {@link #decodeInto}.
     */
    static void checkHeader(Path file) {
        try (ImageInputStream in = open(file)) {
            ImageReader reader = readerFor(file, in);
            try {
                checkSize(file, reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw asUnavailable(file, e);
        }
    }

    /** Decodes {@code file} into {@code pixels} from {@code offset}: {@link #imageBytes()} bytes, C×H×W. */
    void decodeInto(Path file, byte[] pixels, int offset) {
        BufferedImage image;
        try (ImageInputStream in = open(file)) {
            ImageReader reader = readerFor(file, in);
            try {
                checkSize(file, reader);
                image = reader.read(0, reader.getDefaultReadParam());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw asUnavailable(file, e);
        }
        toPixels(squareResize(image, imageSize), channels, pixels, offset);
    }

    private static ImageInputStream open(Path file) throws IOException {
        // Not ImageIO.createImageInputStream: its file provider turns "permission denied" into a bare null.
        return new FileImageInputStream(file.toFile());
    }

    private static ImageReader readerFor(Path file, ImageInputStream in) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new DatasetUnavailableException("cannot decode image " + file
                    + ": not a format javax.imageio reads (PNG, JPEG, BMP, GIF); remove or convert it");
        }
        ImageReader reader = readers.next();
        reader.setInput(in, true, true);
        return reader;
    }

    private static void checkSize(Path file, ImageReader reader) throws IOException {
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width * height > MAX_PIXELS) {
            throw new DatasetUnavailableException(String.format(Locale.ROOT,
                    "image %s is %dx%d pixels (%.1f megapixels), over the limit of %d megapixels an image may have so that"
                            + " decoding it cannot exhaust the trainer's memory; downscale it (every image is resized to"
                            + " imageSize anyway)", file, width, height, width * height / 1e6, MAX_PIXELS / 1_000_000));
        }
    }

    private static DatasetUnavailableException asUnavailable(Path file, Exception e) {
        if (e instanceof DatasetUnavailableException named) {
            return named;
        }
        return new DatasetUnavailableException("cannot decode image " + file + ": " + (e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()), e);
    }

    /**
     * Centre-crops to a square and resizes to {@code size}. Large reductions halve step by step
     * (bilinear each time) so that downscaling averages pixels instead of aliasing. Grey images stay
     * grey: drawing them into RGB would pass them through a colour-space (gamma) conversion.
     */
    static BufferedImage squareResize(BufferedImage source, int size) {
        int side = Math.min(source.getWidth(), source.getHeight());
        int x0 = (source.getWidth() - side) / 2;
        int y0 = (source.getHeight() - side) / 2;
        int type = source.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = draw(source, x0, y0, side, side, type);
        int currentSize = side;
        while (currentSize / 2 >= size) {
            currentSize /= 2;
            current = draw(current, 0, 0, current.getWidth(), current.getHeight(), currentSize, type);
        }
        return currentSize == size ? current : draw(current, 0, 0, current.getWidth(), current.getHeight(), size, type);
    }

    private static BufferedImage draw(BufferedImage source, int x0, int y0, int width, int height, int type) {
        return draw(source, x0, y0, width, height, width, type);
    }

    private static BufferedImage draw(BufferedImage source, int x0, int y0, int width, int height, int targetSize, int type) {
        BufferedImage target = new BufferedImage(targetSize, targetSize, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, targetSize, targetSize, x0, y0, x0 + width, y0 + height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Writes the image channel-planar; RGB becomes grey by ITU-R BT.601 luma, grey becomes RGB by copying. */
    static void toPixels(BufferedImage image, int channels, byte[] pixels, int offset) {
        int size = image.getWidth();
        int plane = size * size;
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            Raster raster = image.getRaster();
            int[] grey = raster.getSamples(0, 0, size, size, 0, (int[]) null);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < plane; i++) {
                    pixels[offset + c * plane + i] = (byte) grey[i];
                }
            }
            return;
        }
        int[] rgb = image.getRGB(0, 0, size, size, null, 0, size);
        for (int i = 0; i < plane; i++) {
            int r = (rgb[i] >> 16) & 0xFF;
            int g = (rgb[i] >> 8) & 0xFF;
            int b = rgb[i] & 0xFF;
            if (channels == 1) {
                pixels[offset + i] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            } else {
                pixels[offset + i] = (byte) r;
                pixels[offset + plane + i] = (byte) g;
                pixels[offset + 2 * plane + i] = (byte) b;
            }
        }
    }
}
