package io.kubenas.trainer.checkpoint;

import io.kubenas.api.v1alpha1.CheckpointRecord;
import io.kubenas.trainer.manifested.Manifest;
import java.nio.file.Path;

/**
 * A complete checkpoint on disk.
 *
 * @param dir its directory
 * @param manifest what it holds
 * @param manifestSha256 sha256 of manifest.json: one hash that pins every file (the status shows it)
 * @param statusPath the path shown in status: relative to the work dir, e.g. {@code checkpoints/ckpt-000003-0000002529}
 */
public record Checkpoint(Path dir, CheckpointManifest manifest, String manifestSha256, String statusPath) {

    public String name() {
        return manifest.name();
    }

    public int epoch() {
        return manifest.epoch();
    }

    public long step() {
        return manifest.step();
    }

    /** A file the trainer wrote into this checkpoint. */
    public Path file(String relativePath) {
        boolean listed = manifest.files().stream().anyMatch(f -> f.path().equals(relativePath));
        if (!listed) {
            throw new IllegalArgumentException("checkpoint " + name() + " has no file " + relativePath + "; it has "
                    + manifest.files().stream().map(Manifest.FileEntry::path).toList());
        }
        return dir.resolve(relativePath);
    }

    /** For status.checkpoints. */
    public CheckpointRecord toRecord() {
        return CheckpointRecord.builder().name(name()).path(statusPath).epoch(epoch()).step(step())
                .sha256(manifestSha256).validationAccuracy(manifest.validationAccuracy()).time(manifest.time()).build();
    }
}
