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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An exported child as named byte blobs small enough for ConfigMaps (at most 1 MiB of data each), and back: what
 * the trainer publishes for serving pods, which then need no access to the checkpoint volume. The small files (the
 * manifest, the architecture, the search history) travel whole, in the first part that has room; the parameters, and
 * any other file too large for a part (a very long search's history), in numbered slices ({@code child.params.000},
 * ...) after them, joined in order.
 */
public final class ChildParts {
    /** Bytes per ConfigMap: under its 1 MiB limit with room for the object's metadata. */
    public static final int BYTES_PER_PART = 900 * 1024;
    private static final Pattern SLICE = Pattern.compile("(.+)\\.(\\d{3})");

    private ChildParts() {
    }

    /** The child in {@code dir} as parts, each a map from key to bytes, the small files first. */
    public static List<Map<String, byte[]>> split(Path dir) throws IOException {
        Parts parts = new Parts();
        List<Path> sliced = new ArrayList<>();
        for (Path file : files(dir)) {
            byte[] bytes = Files.readAllBytes(file);
            if (isParameters(file) || bytes.length > BYTES_PER_PART) {
                sliced.add(file);
            } else {
                parts.addWhole(name(file), bytes);
            }
        }
        for (Path file : sliced) {
            parts.addSliced(name(file), Files.readAllBytes(file));
        }
        return parts.list;
    }

    /**
     * A child as {@link ChildDirectory} expects it: {@code from} itself when it holds {@code child.params}, else the
     * files of {@code from} (the parts projected into one folder) joined into {@code scratch}/child.
     */
    public static Path joined(Path from, Path scratch) throws InvalidChildException {
        if (Files.isRegularFile(from.resolve(ChildDirectory.PARAMETERS)) || !Files.isRegularFile(from.resolve(sliceName(ChildDirectory.PARAMETERS, 0)))) {
            return from;
        }
        try {
            Path dir = scratch.resolve("child");
            Files.createDirectories(dir);
            Map<String, List<Path>> slicesByFile = new TreeMap<>();
            for (Path file : files(from)) {
                Matcher slice = SLICE.matcher(name(file));
                if (slice.matches()) {
                    slicesByFile.computeIfAbsent(slice.group(1), f -> new ArrayList<>()).add(file);
                } else {
                    Files.copy(file, dir.resolve(name(file)));
                }
            }
            for (Map.Entry<String, List<Path>> file : slicesByFile.entrySet()) {
                join(from, file.getKey(), file.getValue(), dir.resolve(file.getKey()));
            }
            return dir;
        } catch (IOException e) {
            throw new InvalidChildException("cannot join the child's parts from " + from + " into " + scratch + ": " + e.getMessage(), e);
        }
    }

    /** Joins the slices of one file (sorted by name, so in order), checking none is missing. */
    private static void join(Path from, String file, List<Path> slices, Path to) throws IOException, InvalidChildException {
        for (int i = 0; i < slices.size(); i++) {
            if (!name(slices.get(i)).equals(sliceName(file, i))) {
                throw new InvalidChildException("the slices of " + file + " in " + from + " are not numbered 0.." + (slices.size() - 1)
                        + ": " + sliceName(file, i) + " is missing (a ConfigMap of the child is not mounted)");
            }
        }
        try (OutputStream out = Files.newOutputStream(to)) {
            for (Path slice : slices) {
                try (InputStream in = Files.newInputStream(slice)) {
                    in.transferTo(out);
                }
            }
        }
    }

    /**
     * Every file of the child, by name. Hidden entries are skipped: a projected ConfigMap volume keeps its real files in
     * {@code ..data} and a timestamped folder, and shows each key as a link to them.
     */
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !name(f).startsWith("."))
                    .sorted(Comparator.comparing(ChildParts::name))
                    .toList();
        }
    }

    private static boolean isParameters(Path file) {
        return name(file).equals(ChildDirectory.PARAMETERS);
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private static String sliceName(String file, int slice) {
        return file + "." + String.format("%03d", slice);
    }

    /** Parts being filled in order: a new one starts when the current one has no room left. */
    private static final class Parts {
        private final List<Map<String, byte[]>> list = new ArrayList<>(List.of(new LinkedHashMap<>()));
        private int room = BYTES_PER_PART;

        void addWhole(String key, byte[] bytes) {
            if (bytes.length > room) {
                next();
            }
            current().put(key, bytes);
            room -= bytes.length;
        }

        /** Slices fill each part to the brim; even an empty file gets one (empty) slice, so it is joined back. */
        void addSliced(String file, byte[] bytes) {
            int offset = 0;
            int slice = 0;
            do {
                if (room <= 0) {
                    next();
                }
                int length = Math.min(room, bytes.length - offset);
                current().put(sliceName(file, slice++), Arrays.copyOfRange(bytes, offset, offset + length));
                offset += length;
                room -= length;
            } while (offset < bytes.length);
        }

        private Map<String, byte[]> current() {
            return list.get(list.size() - 1);
        }

        private void next() {
            list.add(new LinkedHashMap<>());
            room = BYTES_PER_PART;
        }
    }
}
