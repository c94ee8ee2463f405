package io.kubenas.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIFAR-10's binary version ({@code cifar-10-binary.tar.gz}, unpacked): {@code data_batch_1.bin} to
 * {@code data_batch_5.bin} and {@code test_batch.bin}, each a run of records of one label byte followed by
 * 3,072 pixel bytes (1,024 red, 1,024 green, 1,024 blue, row-major 32×32) — already channel-planar, so
 * the bytes are kept as they are.
 */
public final class Cifar10Reader {
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    /** Optional file with one class name per line; CIFAR-10's own names are used without it. */
    public static final String META_FILE = "batches.meta.txt";
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private static final int SIZE = 32;
    private static final int IMAGE_BYTES = 3 * SIZE * SIZE;
    private static final int RECORD_BYTES = 1 + IMAGE_BYTES;

    private final Path dir;

    public Cifar10Reader(Path dir) {
        this.dir = dir;
    }

    public SourceDataset read() {
        List<String> missing = new ArrayList<>();
        for (String name : allFiles()) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetUnavailableException("CIFAR-10 batches not found in " + dir + " (missing " + String.join(", ", missing)
                    + "). Expected the binary version (cifar-10-binary.tar.gz) unpacked: data_batch_1.bin..data_batch_5.bin and "
                    + TEST_FILE + "; check spec.dataset.cifar10.path.");
        }
        List<Path> trainFiles = TRAIN_FILES.stream().map(dir::resolve).toList();
        return new SourceDataset(readBatches(trainFiles), null, readBatches(List.of(dir.resolve(TEST_FILE))), classNames());
    }

    private List<String> allFiles() {
        List<String> all = new ArrayList<>(TRAIN_FILES);
        all.add(TEST_FILE);
        return all;
    }

    private static ImageSet readBatches(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            total += recordsIn(file);
        }
        int count = Math.toIntExact(total);
        byte[] pixels = new byte[count * IMAGE_BYTES];
        int[] labels = new int[count];
        int next = 0;
        byte[] record = new byte[RECORD_BYTES];
        for (Path file : files) {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                int records = recordsIn(file);
                for (int r = 0; r < records; r++, next++) {
                    if (in.readNBytes(record, 0, RECORD_BYTES) != RECORD_BYTES) {
                        throw new DatasetUnavailableException(file + " ended early at record " + r);
                    }
                    labels[next] = record[0] & 0xFF;
                    if (labels[next] >= CLASS_NAMES.size()) {
                        throw new DatasetUnavailableException(file + ": label " + labels[next] + " of record " + r
                                + " is not in 0..9; is this the CIFAR-10 (not CIFAR-100) binary version?");
                    }
                    System.arraycopy(record, 1, pixels, next * IMAGE_BYTES, IMAGE_BYTES);
                }
            } catch (IOException e) {
                throw new DatasetUnavailableException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new ImageSet(pixels, labels, 3, SIZE);
    }

    private static int recordsIn(Path file) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new DatasetUnavailableException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes == 0 || bytes % RECORD_BYTES != 0) {
            throw new DatasetUnavailableException(file + " is truncated or not a CIFAR-10 binary batch: " + bytes
                    + " bytes is not a positive multiple of the " + RECORD_BYTES + "-byte record (1 label + 3072 pixels)");
        }
        return Math.toIntExact(bytes / RECORD_BYTES);
    }

    private List<String> classNames() {
        Path meta = dir.resolve(META_FILE);
        if (!Files.isRegularFile(meta)) {
            return CLASS_NAMES;
        }
        try {
            List<String> names = Files.readAllLines(meta, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            return names.size() == CLASS_NAMES.size() ? names : CLASS_NAMES;
        } catch (IOException e) {
            return CLASS_NAMES;
        }
    }
}
