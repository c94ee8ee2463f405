package io.kubenas.trainer.manifested;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubenas.trainer.checkpoint.CheckpointManifest;
import io.kubenas.trainer.child.ChildManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestedDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void readsCheckpointAndChildManifestsAsEarlierVersionsWroteThem() throws Exception {
        Path checkpoint = Files.createDirectories(temp.resolve("ckpt-000001-0000000010"));
        Files.writeString(checkpoint.resolve("weights.bin"), "w");
        Files.writeString(checkpoint.resolve("manifest.json"), """
                {
                  "formatVersion" : 1,
                  "name" : "ckpt-000001-0000000010",
                  "epoch" : 1,
                  "step" : 10,
                  "time" : "2026-11-24T12:00:00Z",
                  "files" : [ {
                    "path" : "weights.bin",
                    "sha256" : "%s",
                    "bytes" : 1
                  } ]
                }""".formatted(DurableFiles.sha256("w".getBytes(StandardCharsets.UTF_8))));
        Path child = Files.createDirectories(temp.resolve("child"));
        Files.writeString(child.resolve("architecture.json"), "{}");
        Files.writeString(child.resolve("child.params"), "p");
        Files.writeString(child.resolve("manifest.json"), """
                {
                  "formatVersion" : 1,
                  "files" : [ {
                    "path" : "architecture.json",
                    "sha256" : "%s",
                    "bytes" : 2
                  }, {
                    "path" : "child.params",
                    "sha256" : "%s",
                    "bytes" : 1
                  } ]
                }""".formatted(DurableFiles.sha256("{}".getBytes(StandardCharsets.UTF_8)),
                DurableFiles.sha256("p".getBytes(StandardCharsets.UTF_8))));

        CheckpointManifest checkpointManifest = ManifestedDirectory.verify(checkpoint, CheckpointManifest.class, 1, List.of()).manifest();
        ChildManifest childManifest = ManifestedDirectory.verify(child, ChildManifest.class, 1, List.of("child.params")).manifest();

        assertThat(checkpointManifest.step()).isEqualTo(10);
        assertThat(checkpointManifest.files()).extracting(Manifest.FileEntry::path).containsExactly("weights.bin");
        assertThat(childManifest.files()).extracting(Manifest.FileEntry::path).containsExactly("architecture.json", "child.params");
    }

    @Test
    void writesEveryFileAndTheManifestOrNothing() throws Exception {
        Path target = temp.resolve("out");

        ManifestedDirectory<ChildManifest> written = ManifestedDirectory.write(target, dir -> Files.writeString(dir.resolve("a"), "x"),
                files -> new ChildManifest(1, files));
        assertThatThrownBy(() -> ManifestedDirectory.write(temp.resolve("failed"), dir -> {
            Files.writeString(dir.resolve("a"), "half");
            throw new java.io.IOException("disk full");
        }, files -> new ChildManifest(1, files))).hasMessage("disk full");

        assertThat(ManifestedDirectory.verify(target, ChildManifest.class, 1, List.of("a")).manifestSha256())
                .isEqualTo(written.manifestSha256())
                .isEqualTo(DurableFiles.sha256(Files.readAllBytes(target.resolve(Manifest.FILE_NAME))));
        try (var entries = Files.list(temp)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }
}
