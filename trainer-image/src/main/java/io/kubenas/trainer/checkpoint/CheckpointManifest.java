package io.kubenas.trainer.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code manifest.json} of a checkpoint: what state it holds and a sha256 per file, so a torn or
 * bit-rotted checkpoint is detected before the trainer resumes from it. Written last, inside the
 * temporary directory, before the atomic rename.
 *
 * @param formatVersion bumped when the layout changes incompatibly; newer versions are not resumed from
 * @param name the checkpoint's directory name
 * @param time when it was written (RFC 3339)
 * @param files every file of the checkpoint except the manifest, sorted by path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointManifest(int formatVersion, String name, int epoch, long step, String time, Double validationAccuracy,
        List<FileEntry> files) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "manifest.json";

    public CheckpointManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * @param path relative to the checkpoint directory, '/'-separated
     * @param bytes the file's size, checked before hashing (a cheap first test for truncation)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(String path, String sha256, long bytes) {
    }
}
