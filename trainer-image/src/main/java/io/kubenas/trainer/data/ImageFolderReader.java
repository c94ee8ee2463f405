package io.kubenas.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Reads images in class folders ({@code <root>/<class>/<image>}). Files with other extensions than PNG,
 * JPEG, BMP and GIF (READMEs, {@code .DS_Store}) are ignored.
 *
 * <p>The images are not loaded: the set holds their paths and labels, and each image is decoded
 * ({@link ImageFileDecoder}) when a batch needs it, by the batch stream's decode threads — so a folder of any
 * size trains in memory bounded by the batch size. Reading a folder checks every image's header, in
 * parallel, before training starts: a file {@code javax.imageio} cannot read, or one over
 * {@link ImageFileDecoder#MAX_PIXELS}, is an error naming the file, so a broken dataset is noticed at once,
 * not silently shrunk. This reads a few kilobytes per file: 20,500 local files took 0.5 to 1.6 s on 2 shared
 * cores (at that rate ImageNet's 1.28 million take 30 to 100 s; a network volume is slower).
 * Damaged pixel data behind a good header is only found when the image is first decoded, usually in the
 * first epoch; it ends the search the same way, naming the file.
 */
public final class ImageFolderReader {
    private static final Logger LOG = Logger.getLogger(ImageFolderReader.class);
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    /** How many bad files one error message lists. */
    private static final int NAMED_FAILURES = 3;

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
     * The images under {@code root}, labelled by the position of their folder in {@code classNames}, to be
     * decoded as they are read. A validation or test folder may lack classes, but may not add any.
     *
     * @param requireEveryClass true for the training folder: a class without images is an error there
     * @throws DatasetUnavailableException naming the file when an image's header is unreadable or too large
     */
    public ImageSet read(Path root, List<String> classNames, boolean requireEveryClass) {
        List<String> present = classNames(root);
        for (String name : present) {
            if (!classNames.contains(name)) {
                throw new DatasetUnavailableException(root + " has class folder '" + name
                        + "' that the training folder does not have; classes are " + classNames);
            }
        }
        List<String> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int label = 0; label < classNames.size(); label++) {
            Path classDir = root.resolve(classNames.get(label));
            List<Path> images = Files.isDirectory(classDir) ? imagesIn(classDir) : List.of();
            if (requireEveryClass && images.isEmpty()) {
                throw new DatasetUnavailableException(classDir + " holds no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                        + ")");
            }
            for (Path image : images) {
                files.add(root.relativize(image).toString());
                labels.add(label);
            }
        }
        ImageFiles images = new ImageFiles(root, files, decoder);
        checkHeaders(root, images);
        return ImageSet.decodedOnRead(images, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Every image's header, in parallel: I/O-bound on a network volume, where each read waits for a round
     * trip, hence two threads per processor (at least 4). Reports the first bad files in folder order.
     */
    private static void checkHeaders(Path root, ImageFiles images) {
        long started = System.nanoTime();
        ConcurrentSkipListMap<Integer, DatasetUnavailableException> failures = new ConcurrentSkipListMap<>();
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        try (DecodeWorkers workers = DecodeWorkers.of("kubenas-image-check", threads)) {
            workers.forEachRange(images.count(), (from, to) -> {
                for (int i = from; i < to; i++) {
                    try {
                        ImageFileDecoder.checkHeader(images.file(i));
                    } catch (DatasetUnavailableException e) {
                        failures.put(i, e);
                    }
                }
            });
        }
        if (!failures.isEmpty()) {
            DatasetUnavailableException first = failures.firstEntry().getValue();
            if (failures.size() == 1) {
                throw first;
            }
            List<String> others = failures.keySet().stream().skip(1).limit(NAMED_FAILURES - 1L).map(i -> images.file(i).toString())
                    .toList();
            throw new DatasetUnavailableException(first.getMessage() + " (" + failures.size() + " images under " + root
                    + " fail this check; others: " + String.join(", ", others) + (failures.size() > NAMED_FAILURES ? ", ..." : "") + ")",
                    first);
        }
        LOG.infof("image folder %s: %d images, headers checked in %d ms", root, images.count(), (System.nanoTime() - started) / 1_000_000);
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
