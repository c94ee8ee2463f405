package io.kubenas.trainer.child;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An exported child as named byte blobs small enough for ConfigMaps (at most 1 MiB of data each), and back: what
 * the trainer publishes for serving pods, which then need no access to the checkpoint volume. The small files (the
 * manifest, the architecture, the search history) travel whole, in the first part that has room; the parameters in
 * numbered slices ({@code child.params.000}, ...) after them, joined in order.
 */
public final class ChildParts {
    /** Bytes per ConfigMap: under its 1 MiB limit with room for the object's metadata. */
    public static final int BYTES_PER_PART = 900 * 1024;
    private static final String SLICE_PREFIX = ChildDirectory.PARAMETERS + ".";

    private ChildParts() {
    }

    /** The child in {@code dir} as parts, each a map from key to bytes, the small files first. */
    public static List<Map<String, byte[]>> split(Path dir) throws IOException {
        byte[] parameters = Files.readAllBytes(dir.resolve(ChildDirectory.PARAMETERS));
        List<Map<String, byte[]>> parts = new ArrayList<>();
        parts.add(new LinkedHashMap<>());
        int room = BYTES_PER_PART;
        for (Path file : smallFiles(dir)) {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > BYTES_PER_PART) {
                throw new IOException(file + " has " + bytes.length + " bytes, more than a ConfigMap of the child holds (" + BYTES_PER_PART + ")");
            }
            if (bytes.length > room) {
                parts.add(new LinkedHashMap<>());
                room = BYTES_PER_PART;
            }
            parts.get(parts.size() - 1).put(file.getFileName().toString(), bytes);
            room -= bytes.length;
        }
        Map<String, byte[]> current = parts.get(parts.size() - 1);
        int offset = 0;
        int slice = 0;
        do {
            if (room <= 0) {
                current = new LinkedHashMap<>();
                parts.add(current);
                room = BYTES_PER_PART;
            }
            int length = Math.min(room, parameters.length - offset);
            current.put(sliceName(slice++), Arrays.copyOfRange(parameters, offset, offset + length));
            offset += length;
            room -= length;
        } while (offset < parameters.length);
        return parts;
    }

    /**
     * A child as {@link ChildDirectory} expects it: {@code from} itself when it holds {@code child.params}, else the
     * files of {@code from} (the parts projected into one folder) joined into {@code scratch}/child.
     */
    public static Path joined(Path from, Path scratch) throws InvalidChildException {
        if (Files.isRegularFile(from.resolve(ChildDirectory.PARAMETERS)) || !Files.isRegularFile(from.resolve(sliceName(0)))) {
            return from;
        }
        try {
            Path dir = scratch.resolve("child");
            Files.createDirectories(dir);
            for (Path file : smallFiles(from)) {
                Files.copy(file, dir.resolve(file.getFileName().toString()));
            }
            List<Path> slices;
            try (Stream<Path> files = Files.list(from)) {
                slices = files.filter(f -> f.getFileName().toString().startsWith(SLICE_PREFIX)).sorted().toList();
            }
            for (int i = 0; i < slices.size(); i++) {
                if (!slices.get(i).getFileName().toString().equals(sliceName(i))) {
                    throw new InvalidChildException("the child's parameter slices in " + from + " are not numbered 0.." + (slices.size() - 1)
                            + ": " + sliceName(i) + " is missing (a ConfigMap of the child is not mounted)");
                }
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve(ChildDirectory.PARAMETERS))) {
                for (Path slice : slices) {
                    try (InputStream in = Files.newInputStream(slice)) {
                        in.transferTo(out);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new InvalidChildException("cannot join the child's parts from " + from + " into " + scratch + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every file of the child but its parameters, by name. Hidden entries are skipped: a projected ConfigMap volume
     * keeps its real files in {@code ..data} and a timestamped folder, and shows each key as a link to them.
     */
    private static List<Path> smallFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.getFileName().toString().equals(ChildDirectory.PARAMETERS) && !f.getFileName().toString().startsWith(SLICE_PREFIX))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
        }
    }

    private static String sliceName(int slice) {
        return SLICE_PREFIX + String.format("%03d", slice);
    }
}
