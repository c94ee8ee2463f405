package io.kubenas.trainer.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads images in class folders ({@code <root>/<class>/<image>}), decoding with {@code javax.imageio}
 * (PNG and JPEG; BMP and GIF come free). Each image is centre-cropped to a square and resized to
 * {@code imageSize} (the same result as "resize the shorter side, then centre-crop"), then kept as grey
 * or RGB bytes per {@code channels}. Files with other extensions (READMEs, {@code .DS_Store}) are
 * ignored; an image that fails to decode is an error, so a broken dataset is noticed, not silently
 * shrunk. Decoding runs in parallel over the images.
 */
public final class ImageFolderReader {
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private final int imageSize;
    private final int channels;

    public ImageFolderReader(int imageSize, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (imageSize < 1) {
            throw new IllegalArgumentException("imageSize must be positive, got " + imageSize);
        }
        this.imageSize = imageSize;
        this.channels = channels;
    }

    /** Class names of a training folder: its sub-folders, sorted by name; the index is the label. */
    public static List<String> classNames(Path root) {
        requireFolder(root);
        try (Stream<Path> children = Files.list(root)) {
            List<String> names = children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
            if (names.isEmpty()) {
                throw new DatasetUnavailableException(root + " has no class folders; expected one sub-folder per class, e.g. "
                        + root.resolve("cat") + "/0001.png");
            }
            return names;
        } catch (IOException e) {
            throw new DatasetUnavailableException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The images under {@code root}, labelled by the position of their folder in {@code classNames}.
     * A validation or test folder may lack classes, but may not add any.
     *
     * @param requireEveryClass true for the training folder: a class without images is an error there
     */
    public ImageSet read(Path root, List<String> classNames, boolean requireEveryClass) {
        List<String> present = classNames(root);
        for (String name : present) {
            if (!classNames.contains(name)) {
                throw new DatasetUnavailableException(root + " has class folder '" + name
                        + "' that the training folder does not have; classes are " + classNames);
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < classNames.size(); label++) {
            Path classDir = root.resolve(classNames.get(label));
            List<Path> images = Files.isDirectory(classDir) ? imagesIn(classDir) : List.of();
            if (requireEveryClass && images.isEmpty()) {
                throw new DatasetUnavailableException(classDir + " holds no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                        + ")");
            }
            for (Path image : images) {
                files.add(image);
                labels.add(label);
            }
        }
        int bytesPerImage = channels * imageSize * imageSize;
        byte[] pixels = new byte[files.size() * bytesPerImage];
        IntStream.range(0, files.size()).parallel().forEach(i -> decodeInto(files.get(i), pixels, i * bytesPerImage));
        return new ImageSet(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), channels, imageSize);
    }

    private static List<Path> imagesIn(Path classDir) {
        try (Stream<Path> walk = Files.walk(classDir)) {
            return walk.filter(Files::isRegularFile).filter(ImageFolderReader::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DatasetUnavailableException("cannot list " + classDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && !name.startsWith(".") && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private void decodeInto(Path file, byte[] pixels, int offset) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetUnavailableException("cannot decode image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DatasetUnavailableException("cannot decode image " + file + ": not a format javax.imageio reads");
        }
        toPixels(squareResize(image, imageSize), channels, pixels, offset);
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

    private static void requireFolder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetUnavailableException("image folder " + root + " does not exist or is not a directory;"
                    + " check spec.dataset.imageFolder and that its volume is mounted");
        }
    }
}
