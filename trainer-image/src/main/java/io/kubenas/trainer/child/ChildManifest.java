package io.kubenas.trainer.child;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kubenas.trainer.manifested.Manifest;
import java.util.List;

/**
 * {@code manifest.json} of an exported child: a sha256 per file, so a torn copy or a flipped bit is caught
 * before the server starts.
 *
 * @param formatVersion bumped when the child's layout changes incompatibly; newer versions are refused
 * @param files every file of the child except the manifest
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChildManifest(int formatVersion, List<FileEntry> files) implements Manifest {
    public static final int FORMAT_VERSION = 1;

    public ChildManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
