package io.kubenas.trainer.serve;

import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The on-disk layout of an exported child, both ways: {@link #write} (for the exporter) and
 * {@link #verify} (for the server).
 * <pre>
 * child/
 *   architecture.json   {@link ChildArchitecture}
 *   child.params        the network's parameters, as DJL's {@code Block.saveParameters} writes them
 *   manifest.json       {@link ChildManifest}: sha256 and size of the two files above, written last
 * </pre>
 */
public final class ChildDirectory {
    public static final String ARCHITECTURE = "architecture.json";
    public static final String PARAMETERS = "child.params";
    public static final String MANIFEST = "manifest.json";
    static final Set<String> REQUIRED = Set.of(ARCHITECTURE, PARAMETERS);

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ChildDirectory() {
    }

    /** A child directory whose files match its manifest. */
    public record Verified(Path dir, ChildManifest manifest, String digest) {
    }

    /**
     * Checks that {@code dir} holds a complete child whose every file matches its manifest.
     *
     * @throws InvalidChildException naming the first problem found
     */
    public static Verified verify(Path dir) throws InvalidChildException {
        if (!Files.exists(dir)) {
            throw new InvalidChildException("child directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidChildException(dir + " is not a directory; --child takes the exported child directory");
        }
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new InvalidChildException("no " + MANIFEST + " in " + dir + ": not an exported child, or its export did not finish");
        }
        try {
            byte[] manifestBytes = Files.readAllBytes(manifestFile);
            ChildManifest manifest;
            try {
                manifest = JSON.readValue(manifestBytes, ChildManifest.class);
            } catch (JacksonException e) {
                throw new InvalidChildException(MANIFEST + " in " + dir + " is not a valid manifest: " + e.getOriginalMessage());
            }
            if (manifest.formatVersion() > ChildManifest.FORMAT_VERSION) {
                throw new InvalidChildException(MANIFEST + " has format version " + manifest.formatVersion() + ", newer than this server's "
                        + ChildManifest.FORMAT_VERSION + ": serve it with a newer kubenas");
            }
            Set<String> listed = manifest.files().stream().map(ChildManifest.FileEntry::path).collect(Collectors.toSet());
            for (String required : REQUIRED.stream().sorted().toList()) {
                if (!listed.contains(required)) {
                    throw new InvalidChildException(MANIFEST + " in " + dir + " does not list " + required);
                }
            }
            Path root = dir.toAbsolutePath().normalize();
            for (ChildManifest.FileEntry entry : manifest.files()) {
                Path file = root.resolve(entry.path()).normalize();
                if (!file.startsWith(root) || file.equals(root)) {
                    throw new InvalidChildException(MANIFEST + " lists " + entry.path() + ", outside the child directory");
                }
                if (!Files.isRegularFile(file)) {
                    throw new InvalidChildException(entry.path() + " is missing from " + dir);
                }
                long size = Files.size(file);
                if (size != entry.bytes()) {
                    throw new InvalidChildException(entry.path() + " has " + size + " bytes, " + MANIFEST + " says " + entry.bytes()
                            + ": the child is truncated or was changed after export");
                }
                String sha = sha256(file);
                if (!sha.equals(entry.sha256())) {
                    throw new InvalidChildException(entry.path() + " has sha256 " + sha + ", " + MANIFEST + " says " + entry.sha256()
                            + ": the child is corrupt or was changed after export");
                }
            }
            return new Verified(dir, manifest, sha256(manifestBytes));
        } catch (AccessDeniedException e) {
            throw new InvalidChildException("cannot read " + e.getFile() + ": permission denied");
        } catch (NoSuchFileException e) {
            throw new InvalidChildException(e.getFile() + " disappeared while it was being verified");
        } catch (IOException e) {
            throw new InvalidChildException("cannot read the child in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads and checks {@code architecture.json} of a verified child. */
    public static ChildArchitecture readArchitecture(Path dir) throws InvalidChildException {
        try {
            return JSON.readValue(dir.resolve(ARCHITECTURE).toFile(), ChildArchitecture.class).validated();
        } catch (JacksonException e) {
            throw new InvalidChildException(ARCHITECTURE + " in " + dir + " is not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidChildException("cannot read " + dir.resolve(ARCHITECTURE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Exports a child: writes the architecture, the block's parameters and the manifest into a temporary
     * sibling directory, then renames it to {@code dir} in one step, so a reader never sees half a child.
     *
     * @param dir must not exist yet
     * @return the written child's digest (sha256 of its manifest)
     */
    public static String write(Path dir, ChildArchitecture architecture, Block block) throws IOException {
        if (Files.exists(dir)) {
            throw new IOException(dir + " already exists; export a child into a new directory");
        }
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(".tmp-" + dir.getFileName() + "-" + UUID.randomUUID());
        Files.createDirectory(temp);
        try {
            JSON.writeValue(temp.resolve(ARCHITECTURE).toFile(), architecture);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp.resolve(PARAMETERS))))) {
                block.saveParameters(out);
            }
            List<ChildManifest.FileEntry> files = new ArrayList<>();
            for (String name : List.of(ARCHITECTURE, PARAMETERS)) {
                Path file = temp.resolve(name);
                files.add(new ChildManifest.FileEntry(name, sha256(file), Files.size(file)));
            }
            byte[] manifest = JSON.writeValueAsBytes(new ChildManifest(ChildManifest.FORMAT_VERSION, files));
            try (OutputStream out = Files.newOutputStream(temp.resolve(MANIFEST))) {
                out.write(manifest);
            }
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            return sha256(manifest);
        } catch (IOException | RuntimeException e) {
            try (var files = Files.list(temp)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException ignored) {
                // best effort: a leftover .tmp- directory is never read
            }
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
