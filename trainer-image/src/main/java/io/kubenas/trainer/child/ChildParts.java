package io.kubenas.trainer.child;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An exported child as named byte blobs small enough for ConfigMaps (at most 1 MiB of data each), and back: what
 * the trainer publishes for serving pods, which then need no access to the checkpoint volume. The manifest and the
 * architecture travel whole; the parameters in numbered slices ({@code child.params.000}, ...), joined in order.
 */
public final class ChildParts {
    /** Bytes per ConfigMap: under its 1 MiB limit with room for the object's metadata and the small files. */
    public static final int BYTES_PER_PART = 900 * 1024;
    private static final String SLICE_PREFIX = ChildDirectory.PARAMETERS + ".";

    private ChildParts() {
    }

    /** The child in {@code dir} as parts, each a map from key to bytes, the small files in the first. */
    public static List<Map<String, byte[]>> split(Path dir) throws IOException {
        byte[] architecture = Files.readAllBytes(dir.resolve(ChildDirectory.ARCHITECTURE));
        byte[] manifest = Files.readAllBytes(dir.resolve(ChildDirectory.MANIFEST));
        byte[] parameters = Files.readAllBytes(dir.resolve(ChildDirectory.PARAMETERS));
        List<Map<String, byte[]>> parts = new ArrayList<>();
        Map<String, byte[]> first = new LinkedHashMap<>();
        first.put(ChildDirectory.ARCHITECTURE, architecture);
        first.put(ChildDirectory.MANIFEST, manifest);
        parts.add(first);
        Map<String, byte[]> current = first;
        int room = BYTES_PER_PART - architecture.length - manifest.length;
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
            Files.copy(from.resolve(ChildDirectory.ARCHITECTURE), dir.resolve(ChildDirectory.ARCHITECTURE));
            Files.copy(from.resolve(ChildDirectory.MANIFEST), dir.resolve(ChildDirectory.MANIFEST));
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

    private static String sliceName(int slice) {
        return SLICE_PREFIX + String.format("%03d", slice);
    }
}
