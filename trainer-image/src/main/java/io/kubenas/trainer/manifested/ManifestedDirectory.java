package io.kubenas.trainer.manifested;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A directory whose every file is listed, with its size and sha256, in a {@code manifest.json}; checkpoints and
 * the exported child are both one.
 *
 * <p><b>Writing</b> ({@link #write}) is atomic and durable: the files go into a hidden temporary sibling
 * ({@value #TEMP_PREFIX}{@code <name>-<uuid>}); each is fsynced and hashed into the manifest, which is written
 * last and fsynced with the directory; then the directory is renamed to its final name in one step and the
 * parent is fsynced. A crash at any point before the rename leaves only the temporary directory, which nothing
 * reads. <b>Reading</b> starts with {@link #verify}: a torn or bit-rotted directory is caught before it is used.
 *
 * @param dir the directory
 * @param manifest what it holds
 * @param manifestSha256 sha256 of {@code manifest.json}: one hash that pins every file (the directory's identity)
 */
public record ManifestedDirectory<M extends Manifest>(Path dir, M manifest, String manifestSha256) {
    private static final Logger LOG = Logger.getLogger(ManifestedDirectory.class);
    public static final String TEMP_PREFIX = ".tmp-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the directory's files (any names, sub-folders allowed, except {@code manifest.json}) into {@code dir}. */
    @FunctionalInterface
    public interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    /**
     * Writes a manifested directory at {@code target}, which must not exist yet.
     *
     * @param manifestOf the manifest for the files written, sorted by path
     * @throws IOException when writing fails (the contents' own exceptions pass through); nothing is then at {@code target}
     */
    public static <M extends Manifest> ManifestedDirectory<M> write(Path target, Contents contents, Function<List<Manifest.FileEntry>, M> manifestOf)
            throws IOException {
        if (Files.exists(target)) {
            throw new IOException(target + " already exists");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
        Files.createDirectory(temp);
        try {
            contents.writeInto(temp);
            if (Files.exists(temp.resolve(Manifest.FILE_NAME))) {
                throw new IllegalArgumentException(Manifest.FILE_NAME + " is written by ManifestedDirectory, not by the contents");
            }
            List<Manifest.FileEntry> files = hashAndSync(temp);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no files were written for " + target);
            }
            M manifest = manifestOf.apply(files);
            byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
            Path manifestFile = temp.resolve(Manifest.FILE_NAME);
            Files.write(manifestFile, manifestBytes);
            DurableFiles.fsync(manifestFile);
            DurableFiles.fsyncDirectory(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            DurableFiles.fsyncDirectory(parent);
            return new ManifestedDirectory<>(target, manifest, DurableFiles.sha256(manifestBytes));
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Checks that every file listed in the manifest of {@code dir} is there with its size and sha256.
     *
     * @param newestFormat the newest {@link Manifest#formatVersion} the caller reads
     * @param required files the manifest must list; when none, it must list at least one
     * @throws InvalidDirectoryException naming the first problem found
     */
    public static <M extends Manifest> ManifestedDirectory<M> verify(Path dir, Class<M> type, int newestFormat, List<String> required)
            throws InvalidDirectoryException {
        Path manifestFile = dir.resolve(Manifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new InvalidDirectoryException("no " + Manifest.FILE_NAME + " in " + dir);
        }
        try {
            byte[] manifestBytes = Files.readAllBytes(manifestFile);
            M manifest;
            try {
                manifest = JSON.readValue(manifestBytes, type);
            } catch (JacksonException e) {
                throw new InvalidDirectoryException(Manifest.FILE_NAME + " in " + dir + " is not a valid manifest: " + e.getOriginalMessage());
            }
            if (manifest.formatVersion() > newestFormat) {
                throw new InvalidDirectoryException(Manifest.FILE_NAME + " in " + dir + " has format version " + manifest.formatVersion()
                        + ", newer than this kubenas reads (" + newestFormat + "): use a newer kubenas");
            }
            Set<String> listed = manifest.files().stream().map(Manifest.FileEntry::path).collect(Collectors.toSet());
            for (String file : required) {
                if (!listed.contains(file)) {
                    throw new InvalidDirectoryException(Manifest.FILE_NAME + " in " + dir + " does not list " + file);
                }
            }
            if (listed.isEmpty()) {
                throw new InvalidDirectoryException(Manifest.FILE_NAME + " in " + dir + " lists no files");
            }
            Path root = dir.toAbsolutePath().normalize();
            for (Manifest.FileEntry entry : manifest.files()) {
                verifyFile(dir, root, entry);
            }
            return new ManifestedDirectory<>(dir, manifest, DurableFiles.sha256(manifestBytes));
        } catch (AccessDeniedException e) {
            throw new InvalidDirectoryException("cannot read " + e.getFile() + ": permission denied");
        } catch (NoSuchFileException e) {
            throw new InvalidDirectoryException(e.getFile() + " disappeared while it was being verified");
        } catch (IOException e) {
            throw new InvalidDirectoryException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    private static void verifyFile(Path dir, Path root, Manifest.FileEntry entry) throws IOException, InvalidDirectoryException {
        Path file = root.resolve(entry.path()).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new InvalidDirectoryException(Manifest.FILE_NAME + " lists " + entry.path() + ", outside " + dir);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidDirectoryException(entry.path() + " is missing from " + dir);
        }
        long size = Files.size(file);
        if (size != entry.bytes()) {
            throw new InvalidDirectoryException(entry.path() + " has " + size + " bytes, " + Manifest.FILE_NAME + " says " + entry.bytes()
                    + ": the file is truncated or was changed after it was written");
        }
        String sha = DurableFiles.sha256(file);
        if (!sha.equals(entry.sha256())) {
            throw new InvalidDirectoryException(entry.path() + " has sha256 " + sha + ", " + Manifest.FILE_NAME + " says " + entry.sha256()
                    + ": the file is corrupt or was changed after it was written");
        }
    }

    /** Reads the manifest of {@code dir} without checking the files against it. */
    public static <M extends Manifest> ManifestedDirectory<M> read(Path dir, Class<M> type) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(Manifest.FILE_NAME));
        return new ManifestedDirectory<>(dir, JSON.readValue(bytes, type), DurableFiles.sha256(bytes));
    }

    /** The listed sha256 of {@code path}. */
    public String sha256Of(String path) {
        return manifest.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(dir + " has no file " + path)).sha256();
    }

    private static List<Manifest.FileEntry> hashAndSync(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> dir.relativize(p).toString())).toList();
        }
        List<Manifest.FileEntry> entries = new ArrayList<>();
        for (Path file : files) {
            DurableFiles.fsync(file);
            String relative = dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
            entries.add(new Manifest.FileEntry(relative, DurableFiles.sha256(file), Files.size(file)));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isDirectory).forEach(DurableFiles::fsyncDirectory);
        }
        return entries;
    }

    /** Deletes a directory tree, logging instead of failing: a leftover is never read, it only costs space. */
    public static void deleteQuietly(Path dir) {
        try {
            DurableFiles.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", dir, e.getMessage());
        }
    }
}
