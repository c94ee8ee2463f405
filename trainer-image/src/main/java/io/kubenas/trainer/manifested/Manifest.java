package io.kubenas.trainer.manifested;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What every {@code manifest.json} says: its format and a sha256 per file. Each kind of directory adds fields
 * of its own (a checkpoint its epoch and step); unknown fields are ignored when read.
 */
public interface Manifest {
    String FILE_NAME = "manifest.json";

    /** Bumped when a directory's layout changes incompatibly; newer versions are refused. */
    int formatVersion();

    /** Every file of the directory except the manifest, sorted by path. */
    List<FileEntry> files();

    /**
     * @param path relative to the directory, '/'-separated
     * @param sha256 lower-case hex
     * @param bytes the file's size, checked before hashing (a cheap first test for truncation)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileEntry(String path, String sha256, long bytes) {
    }
}
