package io.kubenas.trainer.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kubenas.trainer.manifested.Manifest;
import java.util.List;

/**
 * {@code manifest.json} of a checkpoint: what state it holds, and a sha256 per file, so a torn or bit-rotted
 * checkpoint is detected before the trainer resumes from it.
 *
 * @param formatVersion bumped when the layout changes incompatibly; newer versions are not resumed from
 * @param name the checkpoint's directory name
 * @param time when it was written (RFC 3339)
 * @param files every file of the checkpoint except the manifest, sorted by path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckpointManifest(int formatVersion, String name, int epoch, long step, String time, Double validationAccuracy,
        List<FileEntry> files) implements Manifest {

    public static final int FORMAT_VERSION = 1;

    public CheckpointManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
