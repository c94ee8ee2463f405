package io.kubenas.trainer.serve;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * {@code manifest.json} of an exported child: a sha256 per file, written last, so a torn copy or a flipped
 * bit is caught before the server starts. Same file-entry shape as a checkpoint's manifest.
 *
 * @param formatVersion bumped when the child's layout changes incompatibly; newer versions are refused
 * @param files every file of the child except the manifest
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChildManifest(int formatVersion, List<FileEntry> files) {
    public static final int FORMAT_VERSION = 1;

    public ChildManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * @param path relative to the child directory, '/'-separated
     * @param sha256 lower-case hex
     * @param bytes the file's size (checked first: a cheap test for truncation)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(String path, String sha256, long bytes) {
    }
}
