package io.kubenas.trainer.checkpoint;

import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.CheckpointRecord;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.trainer.manifested.DurableFiles;
import io.kubenas.trainer.manifested.InvalidDirectoryException;
import io.kubenas.trainer.manifested.ManifestedDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Checkpoints of one search, one {@link ManifestedDirectory} each, in the checkpoints folder of the work dir (the PVC).
 *
 * <p><b>Writing</b> ({@link #save}) is atomic and durable; a temporary directory left by a crash is removed on
 * the next start. After a successful write, only the newest {@code keep} checkpoints are kept.
 *
 * <p><b>Resuming</b> ({@link #latestValid}) verifies checkpoints newest first — manifest present and
 * readable, every file present with its size and sha256 — and returns the first that passes. The ones
 * that fail are <em>moved aside, not deleted</em> (renamed {@code corrupt-<name>}): never resumed from
 * or counted again, but kept for inspection, because a checkpoint that fails on a flaky volume may be
 * someone's only copy of a long run. At most {@code keep} such directories are kept.
 *
 * <p>One writer per folder (the operator runs one trainer pod per search at a time), and one lineage:
 * "newest" means highest (epoch, step), which only means "latest" for checkpoints of the same search.
 */
public final class CheckpointStore {
    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);
    static final String TEMP_PREFIX = ManifestedDirectory.TEMP_PREFIX;
    static final String CORRUPT_PREFIX = "corrupt-";

    private final Path root;
    private final int keep;
    private final Clock clock;

    /**
     * @param root the checkpoints folder (created when missing)
     * @param keep how many of the newest checkpoints to keep (spec.checkpoint.keep)
     */
    public CheckpointStore(Path root, int keep) {
        this(root, keep, Clock.systemUTC());
    }

    CheckpointStore(Path root, int keep, Clock clock) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.root = root;
        this.keep = keep;
        this.clock = clock;
    }

    /** The store at {@code <workDir>/checkpoints}. */
    public static CheckpointStore inWorkDir(Path workDir, int keep) {
        return new CheckpointStore(workDir.resolve(PodContract.CHECKPOINTS_DIR), keep);
    }

    /**
     * Writes a checkpoint atomically (see {@link ManifestedDirectory#write}), then deletes all but the newest {@code keep}.
     *
     * @param state writes the trainer's state as files (weights, architecture logits, optimizer states, RNG state,
     *        data position, budget used); throwing leaves no checkpoint behind
     * @throws IOException when writing fails (the writer's own exceptions pass through); no checkpoint
     *         is then visible and the previous ones are untouched
     */
    public Checkpoint save(CheckpointMetadata metadata, ManifestedDirectory.Contents state) throws IOException {
        Files.createDirectories(root);
        CheckpointName name = new CheckpointName(metadata.epoch(), metadata.step(), 0);
        while (Files.exists(root.resolve(name.toString()))) {
            name = name.nextDuplicate();
        }
        String dirName = name.toString();
        ManifestedDirectory<CheckpointManifest> written = ManifestedDirectory.write(root.resolve(dirName), state, files -> {
            String time = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
            return new CheckpointManifest(CheckpointManifest.FORMAT_VERSION, dirName, metadata.epoch(), metadata.step(), time,
                    metadata.validationAccuracy(), files);
        });
        Checkpoint checkpoint = checkpoint(written);
        LOG.infof("checkpoint %s written (epoch %d, step %d, %d files)", checkpoint.dir(), metadata.epoch(), metadata.step(),
                checkpoint.manifest().files().size());
        retain(name);
        return checkpoint;
    }

    /**
     * The newest checkpoint that verifies, or empty when there is none (a fresh start). Removes
     * leftover temporary directories and moves newer, invalid checkpoints aside on the way.
     */
    public Optional<Checkpoint> latestValid() throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        removeLeftoverTemporaries();
        List<CheckpointName> newestFirst = new ArrayList<>(checkpointNames());
        java.util.Collections.reverse(newestFirst);
        for (CheckpointName name : newestFirst) {
            Path dir = root.resolve(name.toString());
            try {
                Checkpoint checkpoint = verify(dir);
                LOG.infof("resuming from checkpoint %s (epoch %d, step %d)", dir, checkpoint.epoch(), checkpoint.step());
                return Optional.of(checkpoint);
            } catch (InvalidCheckpointException e) {
                quarantine(dir, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Checks a checkpoint directory against its manifest.
     *
     * @throws InvalidCheckpointException naming the first problem found
     */
    public Checkpoint verify(Path dir) throws InvalidCheckpointException {
        try {
            return checkpoint(ManifestedDirectory.verify(dir, CheckpointManifest.class, CheckpointManifest.FORMAT_VERSION, List.of()));
        } catch (InvalidDirectoryException e) {
            throw new InvalidCheckpointException(e.getMessage());
        }
    }

    /** The kept checkpoints, oldest first (manifests read, files not re-hashed). */
    public List<Checkpoint> kept() throws IOException {
        List<Checkpoint> kept = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return kept;
        }
        for (CheckpointName name : checkpointNames()) {
            Path dir = root.resolve(name.toString());
            try {
                kept.add(checkpoint(ManifestedDirectory.read(dir, CheckpointManifest.class)));
            } catch (IOException e) {
                LOG.debugf("checkpoint %s has no readable manifest; left out of the history", dir);
            }
        }
        return kept;
    }

    /** status.checkpoints: the newest kept checkpoint and the kept history, oldest first. */
    public CheckpointsStatus status() throws IOException {
        List<CheckpointRecord> history = kept().stream().map(Checkpoint::toRecord).toList();
        return CheckpointsStatus.builder().history(history).latest(history.isEmpty() ? null : history.get(history.size() - 1)).build();
    }

    /** Deletes the oldest checkpoints beyond {@code keep}; never the one just written. */
    private void retain(CheckpointName justWritten) {
        try {
            List<CheckpointName> names = checkpointNames();
            int excess = names.size() - keep;
            for (CheckpointName name : names) {
                if (excess <= 0) {
                    break;
                }
                if (name.equals(justWritten)) {
                    continue;
                }
                DurableFiles.deleteRecursively(root.resolve(name.toString()));
                LOG.infof("checkpoint %s deleted (keeping the newest %d)", root.resolve(name.toString()), keep);
                excess--;
            }
        } catch (IOException e) {
            // The new checkpoint is safe; an old one left behind only costs space and is retried next time.
            LOG.warnf("could not delete old checkpoints in %s: %s", root, e.getMessage());
        }
    }

    private void quarantine(Path dir, String problem) throws IOException {
        Path aside = root.resolve(CORRUPT_PREFIX + dir.getFileName());
        for (int n = 1; Files.exists(aside); n++) {
            aside = root.resolve(CORRUPT_PREFIX + dir.getFileName() + "." + n);
        }
        Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        LOG.warnf("checkpoint %s is not valid (%s); moved aside to %s and falling back to an older one", dir, problem, aside);
        List<Path> corrupt;
        try (Stream<Path> list = Files.list(root)) {
            corrupt = list.filter(p -> p.getFileName().toString().startsWith(CORRUPT_PREFIX)).sorted(Comparator.comparing(this::modified))
                    .toList();
        }
        for (int i = 0; i < corrupt.size() - keep; i++) {
            DurableFiles.deleteRecursively(corrupt.get(i));
        }
    }

    private Instant modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private void removeLeftoverTemporaries() throws IOException {
        List<Path> temporaries;
        try (Stream<Path> list = Files.list(root)) {
            temporaries = list.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX)).toList();
        }
        for (Path temp : temporaries) {
            LOG.infof("removing %s, an unfinished checkpoint of an earlier attempt", temp);
            ManifestedDirectory.deleteQuietly(temp);
        }
    }

    /** Final checkpoint directories, oldest first. */
    private List<CheckpointName> checkpointNames() throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            return list.filter(Files::isDirectory).map(p -> CheckpointName.parse(p.getFileName().toString())).flatMap(Optional::stream)
                    .sorted().toList();
        }
    }

    private Checkpoint checkpoint(ManifestedDirectory<CheckpointManifest> dir) {
        Path folder = root.getFileName();
        String statusPath = (folder == null ? "" : folder + "/") + dir.dir().getFileName();
        return new Checkpoint(dir.dir(), dir.manifest(), dir.manifestSha256(), statusPath);
    }
}
