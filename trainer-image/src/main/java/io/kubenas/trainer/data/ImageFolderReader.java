package io.kubenas.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads images in class folders ({@code <root>/<class>/<image>}), each decoded by {@link ImageFileDecoder}.
 * Files with other extensions (READMEs, {@code .DS_Store}) are ignored; an image that fails to decode, or is
 * over {@link ImageFileDecoder#MAX_PIXELS}, is an error naming the file, so a broken dataset is noticed, not
 * silently shrunk. Decoding runs in parallel over the images.
 */
public final class ImageFolderReader {
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private final ImageFileDecoder decoder;

    public ImageFolderReader(int imageSize, int channels) {
        this.decoder = new ImageFileDecoder(imageSize, channels);
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
        int bytesPerImage = decoder.imageBytes();
        byte[] pixels = new byte[files.size() * bytesPerImage];
        IntStream.range(0, files.size()).parallel().forEach(i -> decoder.decodeInto(files.get(i), pixels, i * bytesPerImage));
        return new ImageSet(pixels, labels.stream().mapToInt(Integer::intValue).toArray(), decoder.channels(), decoder.imageSize());
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

    private static void requireFolder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetUnavailableException("image folder " + root + " does not exist or is not a directory;"
                    + " check spec.dataset.imageFolder and that its volume is mounted");
        }
    }
}
