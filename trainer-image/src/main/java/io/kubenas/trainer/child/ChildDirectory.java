package io.kubenas.trainer.child;

import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kubenas.api.progress.PodContract;
import io.kubenas.trainer.manifested.InvalidDirectoryException;
import io.kubenas.trainer.manifested.Manifest;
import io.kubenas.trainer.manifested.ManifestedDirectory;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The on-disk layout of an exported child, a {@link ManifestedDirectory}, both ways: {@link #write} (for the
 * exporter) and {@link #verify} (for the server).
 * <pre>
 * child/
 *   architecture.json   {@link ChildArchitecture}
 *   child.params        the network's parameters, as DJL's {@code Block.saveParameters} writes them
 *   history.json        the search history as it was at export ({@code SearchHistory}); optional: what the report shows
 *   manifest.json       {@link ChildManifest}: sha256 and size of the files above, written last
 * </pre>
 */
public final class ChildDirectory {
    public static final String ARCHITECTURE = "architecture.json";
    public static final String PARAMETERS = "child.params";
    public static final String MANIFEST = Manifest.FILE_NAME;
    public static final String HISTORY = PodContract.HISTORY_FILE;

    /** How {@code architecture.json} is written and read (unknown fields are ignored: newer exporters may add some). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ChildDirectory() {
    }

    /**
     * Checks that {@code dir} holds a complete child whose every file matches its manifest.
     *
     * @throws InvalidChildException naming the first problem found
     */
    public static ManifestedDirectory<ChildManifest> verify(Path dir) throws InvalidChildException {
        if (!Files.exists(dir)) {
            throw new InvalidChildException("child directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidChildException(dir + " is not a directory; --child takes the exported child directory");
        }
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw new InvalidChildException("no " + MANIFEST + " in " + dir + ": not an exported child, or its export did not finish");
        }
        try {
            return ManifestedDirectory.verify(dir, ChildManifest.class, ChildManifest.FORMAT_VERSION, List.of(ARCHITECTURE, PARAMETERS));
        } catch (InvalidDirectoryException e) {
            throw new InvalidChildException(e.getMessage(), e);
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
     * Exports a child as a {@link ManifestedDirectory}: a reader never sees half a child.
     *
     * @param dir must not exist yet
     * @return the written child's digest (sha256 of its manifest)
     */
    public static String write(Path dir, ChildArchitecture architecture, Block block) throws IOException {
        return write(dir, architecture, block, null);
    }

    /**
     * {@link #write(Path, ChildArchitecture, Block)} with the search history (bytes of {@value #HISTORY}), or none when
     * {@code history} is null.
     */
    public static String write(Path dir, ChildArchitecture architecture, Block block, byte[] history) throws IOException {
        return ManifestedDirectory.write(dir, temp -> {
            JSON.writeValue(temp.resolve(ARCHITECTURE).toFile(), architecture);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp.resolve(PARAMETERS))))) {
                block.saveParameters(out);
            }
            if (history != null) {
                Files.write(temp.resolve(HISTORY), history);
            }
        }, files -> new ChildManifest(ChildManifest.FORMAT_VERSION, files)).manifestSha256();
    }
}
