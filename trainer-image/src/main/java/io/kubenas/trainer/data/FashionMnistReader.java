package io.kubenas.trainer.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads Fashion-MNIST as Debian's {@code dataset-fashion-mnist} package installs it: four gzipped
 * big-endian IDX files. Uncompressed copies (the same names without {@code .gz}) are accepted too.
 */
public final class FashionMnistReader {
    /** Where the Debian package puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The Debian package that provides them (the trainer image installs it). */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    /** The CLI option that points the trainer at another folder; the CLI declares it with this name. */
    public static final String DATA_DIR_OPTION = "--data-dir";

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final int SIZE = 28;

    private final Path dir;

    public FashionMnistReader(Path dir) {
        this.dir = dir;
    }

    /** The 60,000 training and 10,000 test images. */
    public SourceDataset read() {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (locate(name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetUnavailableException("Fashion-MNIST not found in " + dir + " (missing " + String.join(", ", missing)
                    + "). Install the Debian package " + DEBIAN_PACKAGE + " (apt-get install -y " + DEBIAN_PACKAGE
                    + "), or pass " + DATA_DIR_OPTION + " with a folder that holds the four IDX files.");
        }
        ImageSet train = readPair(TRAIN_IMAGES, TRAIN_LABELS);
        ImageSet test = readPair(TEST_IMAGES, TEST_LABELS);
        return new SourceDataset(train, null, test, CLASS_NAMES);
    }

    private ImageSet readPair(String imagesName, String labelsName) {
        Path imagesFile = locate(imagesName);
        Path labelsFile = locate(labelsName);
        byte[] pixels = readIdx(imagesFile, IMAGES_MAGIC);
        byte[] labelBytes = readIdx(labelsFile, LABELS_MAGIC);
        int count = labelBytes.length;
        if (pixels.length != count * SIZE * SIZE) {
            throw new DatasetUnavailableException(imagesFile + " holds " + pixels.length / (SIZE * SIZE) + " images but "
                    + labelsFile + " holds " + count + " labels");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = labelBytes[i] & 0xFF;
            if (labels[i] >= CLASS_NAMES.size()) {
                throw new DatasetUnavailableException(labelsFile + ": label " + labels[i] + " at index " + i + " is not in 0..9");
            }
        }
        return new ImageSet(pixels, labels, 1, SIZE);
    }

    /** The payload of an IDX file after its header, checked against the header's dimensions. */
    private static byte[] readIdx(Path file, int expectedMagic) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz")
                        ? new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16)
                        : new BufferedInputStream(raw, 1 << 16);
                DataInputStream data = new DataInputStream(in)) {
            int magic = data.readInt();
            if (magic != expectedMagic) {
                throw new DatasetUnavailableException(String.format("%s is not an IDX file of the expected kind (magic 0x%08x, expected 0x%08x)",
                        file, magic, expectedMagic));
            }
            int dimensions = magic & 0xFF;
            long length = 1;
            int[] dims = new int[dimensions];
            for (int d = 0; d < dimensions; d++) {
                dims[d] = data.readInt();
                length *= dims[d];
            }
            if (dimensions == 3 && (dims[1] != SIZE || dims[2] != SIZE)) {
                throw new DatasetUnavailableException(file + " holds " + dims[1] + "x" + dims[2] + " images, expected 28x28");
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new DatasetUnavailableException(file + " is too large: " + length + " bytes");
            }
            byte[] payload = new byte[(int) length];
            data.readFully(payload);
            return payload;
        } catch (EOFException e) {
            throw new DatasetUnavailableException(file + " is truncated; reinstall " + DEBIAN_PACKAGE, e);
        } catch (IOException e) {
            throw new DatasetUnavailableException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Path locate(String gzName) {
        Path gz = dir.resolve(gzName);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
        return Files.isRegularFile(plain) ? plain : null;
    }
}
