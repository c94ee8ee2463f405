package io.kubenas.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubenas.api.v1alpha1.CheckpointRecord;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.trainer.manifested.DurableFiles;
import io.kubenas.trainer.manifested.ManifestedDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path work;

    private CheckpointStore store(int keep) {
        return new CheckpointStore(work.resolve("checkpoints"), keep, CLOCK);
    }

    /** Writes weights.bin = "weights@<step>" and state/position.json, like the trainer would. */
    private static ManifestedDirectory.Contents trainerState(long step) {
        return dir -> {
            Files.writeString(dir.resolve("weights.bin"), "weights@" + step);
            Files.createDirectories(dir.resolve("state"));
            Files.writeString(dir.resolve("state/position.json"), "{\"epoch\":1,\"batch\":" + step + "}");
        };
    }

    private Checkpoint save(CheckpointStore store, int epoch, long step) throws IOException {
        return store.save(new CheckpointMetadata(epoch, step, 0.5 + step / 1000.0), trainerState(step));
    }

    @Test
    void savesEveryFileWithItsSha256AndResumesFromIt() throws IOException {
        CheckpointStore store = store(3);

        Checkpoint saved = save(store, 3, 2529);
        Optional<Checkpoint> resumed = store(3).latestValid();

        assertThat(saved.dir().getFileName()).hasToString("ckpt-000003-0000002529");
        assertThat(resumed).isPresent();
        Checkpoint checkpoint = resumed.get();
        assertThat(checkpoint.epoch()).isEqualTo(3);
        assertThat(checkpoint.step()).isEqualTo(2529);
        assertThat(Files.readString(checkpoint.file("weights.bin"))).isEqualTo("weights@2529");
        assertThat(Files.readString(checkpoint.file("state/position.json"))).contains("2529");
        assertThat(checkpoint.manifest().files()).extracting(CheckpointManifest.FileEntry::path)
                .containsExactly("state/position.json", "weights.bin");
        assertThat(checkpoint.manifest().files().get(1).sha256())
                .isEqualTo(DurableFiles.sha256("weights@2529".getBytes(StandardCharsets.UTF_8)));
        assertThat(checkpoint.manifest().formatVersion()).isEqualTo(CheckpointManifest.FORMAT_VERSION);
        CheckpointRecord record = checkpoint.toRecord();
        assertThat(record.getName()).isEqualTo("ckpt-000003-0000002529");
        assertThat(record.getPath()).isEqualTo("checkpoints/ckpt-000003-0000002529");
        assertThat(record.getSha256()).isEqualTo(saved.manifestSha256()).hasSize(64);
        assertThat(record.getTime()).isEqualTo("2026-11-24T12:00:00Z");
        assertThat(record.getValidationAccuracy()).isEqualTo(0.5 + 2.529);
    }

    @Test
    void aWriterThatFailsMidwayLeavesNoVisibleCheckpoint() throws IOException {
        CheckpointStore store = store(3);
        save(store, 1, 100);

        assertThatThrownBy(() -> store.save(new CheckpointMetadata(2, 200, null), dir -> {
            Files.writeString(dir.resolve("weights.bin"), "half of the weights");
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(entries()).containsExactly("ckpt-000001-0000000100");
        assertThat(store.latestValid()).get().extracting(Checkpoint::step).isEqualTo(100L);
    }

    @Test
    void aCrashBeforeTheRenameLeavesOnlyATemporaryDirectoryThatIsIgnoredAndRemoved() throws IOException {
        CheckpointStore store = store(3);
        save(store, 1, 100);
        // What a killed process leaves behind: a complete-looking directory that was never renamed.
        Path leftover = work.resolve("checkpoints/" + CheckpointStore.TEMP_PREFIX + "ckpt-000002-0000000200-x");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("weights.bin"), "weights@200");

        Optional<Checkpoint> resumed = store(3).latestValid();

        assertThat(resumed).get().extracting(Checkpoint::step).isEqualTo(100L);
        assertThat(entries()).containsExactly("ckpt-000001-0000000100");
    }

    @Test
    void keepsOnlyTheNewestCheckpoints() throws IOException {
        CheckpointStore store = store(2);
        for (int step = 1; step <= 5; step++) {
            save(store, step, step * 100L);
        }

        assertThat(entries()).containsExactly("ckpt-000004-0000000400", "ckpt-000005-0000000500");
        CheckpointsStatus status = store.status();
        assertThat(status.getHistory()).extracting(CheckpointRecord::getStep).containsExactly(400L, 500L);
        assertThat(status.getLatest().getStep()).isEqualTo(500L);
    }

    @Test
    void resumesFromNewestValidCheckpointWhenLatestIsCorrupt() throws IOException {
        CheckpointStore store = store(3);
        save(store, 1, 100);
        save(store, 2, 200);
        Checkpoint latest = save(store, 3, 300);
        flipOneByte(latest.dir().resolve("weights.bin"));

        Optional<Checkpoint> resumed = store(3).latestValid();

        assertThat(resumed).get().extracting(Checkpoint::step).isEqualTo(200L);
        // Moved aside for inspection, never resumed from again.
        assertThat(entries()).containsExactly("ckpt-000001-0000000100", "ckpt-000002-0000000200",
                CheckpointStore.CORRUPT_PREFIX + "ckpt-000003-0000000300");
        assertThat(store(3).latestValid()).get().extracting(Checkpoint::step).isEqualTo(200L);
    }

    @Test
    void fallsBackWhenTheLatestMissesAFile() throws IOException {
        CheckpointStore store = store(3);
        save(store, 1, 100);
        Files.delete(save(store, 2, 200).dir().resolve("state/position.json"));

        assertThat(store(3).latestValid()).get().extracting(Checkpoint::step).isEqualTo(100L);
    }

    @Test
    void fallsBackWhenTheLatestHasNoManifestOrAnUnreadableOne() throws IOException {
        CheckpointStore store = store(5);
        save(store, 1, 100);
        Files.delete(save(store, 2, 200).dir().resolve(CheckpointManifest.FILE_NAME));
        Files.writeString(save(store, 3, 300).dir().resolve(CheckpointManifest.FILE_NAME), "{ not json");

        assertThat(store(5).latestValid()).get().extracting(Checkpoint::step).isEqualTo(100L);
    }

    @Test
    void aTruncatedFileIsCaughtBeforeHashing() throws IOException {
        CheckpointStore store = store(3);
        Checkpoint checkpoint = save(store, 1, 100);
        Files.writeString(checkpoint.dir().resolve("weights.bin"), "weights@");

        assertThatThrownBy(() -> store.verify(checkpoint.dir()))
                .isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining("weights.bin has 8 bytes");
    }

    @Test
    void noCheckpointMeansAFreshStart() throws IOException {
        assertThat(store(3).latestValid()).isEmpty();
        Files.createDirectories(work.resolve("checkpoints"));
        assertThat(store(3).latestValid()).isEmpty();
        assertThat(store(3).status().getHistory()).isEmpty();
        assertThat(store(3).status().getLatest()).isNull();
    }

    @Test
    void aSecondCheckpointAtTheSameStepGetsANewerNameInsteadOfReplacingTheFirst() throws IOException {
        CheckpointStore store = store(3);
        save(store, 4, 400);
        Checkpoint again = store.save(new CheckpointMetadata(4, 400, null), dir -> Files.writeString(dir.resolve("budget"), "more"));

        assertThat(again.name()).isEqualTo("ckpt-000004-0000000400-1");
        assertThat(store.latestValid()).get().extracting(Checkpoint::name).isEqualTo("ckpt-000004-0000000400-1");
    }

    @Test
    void theManifestNameIsReservedForTheStore() {
        assertThatThrownBy(() -> store(3).save(new CheckpointMetadata(1, 1, null),
                dir -> Files.writeString(dir.resolve(CheckpointManifest.FILE_NAME), "{}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(entriesOrEmpty()).isEmpty();
    }

    @Test
    void retentionNeverDeletesTheCheckpointJustWritten() throws IOException {
        CheckpointStore store = store(1);
        save(store, 9, 900);

        Checkpoint older = save(store, 2, 200);

        assertThat(Files.isDirectory(older.dir())).isTrue();
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> list = Files.list(work.resolve("checkpoints"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> entriesOrEmpty() {
        try {
            return entries();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flipOneByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }
}
