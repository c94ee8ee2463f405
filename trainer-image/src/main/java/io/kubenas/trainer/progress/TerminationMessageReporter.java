package io.kubenas.trainer.progress;

import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * Writes the summary to the container's termination log, which Kubernetes copies into the pod status:
 * the result survives even when the last ConfigMap patch was lost. Only when the file exists (in a pod;
 * never created elsewhere). Written at every forced report too (checkpoints, stage changes), so a pod
 * killed without a final summary still leaves its last known state — its outcome then reads RUNNING.
 * Compact JSON within Kubernetes' 4096-byte limit.
 */
public final class TerminationMessageReporter implements ProgressReporter {
    private static final Logger LOG = Logger.getLogger(TerminationMessageReporter.class);

    private final Path path;
    private boolean finished;

    public TerminationMessageReporter() {
        this(Path.of(PodContract.TERMINATION_LOG));
    }

    public TerminationMessageReporter(Path path) {
        this.path = path;
    }

    @Override
    public void report(TrainerProgress progress) {
        // Routine reports are too frequent to be worth a write; the file only needs the last word.
    }

    @Override
    public synchronized void reportNow(TrainerProgress progress) {
        if (!finished) {
            write(progress);
        }
    }

    @Override
    public synchronized void finish(TrainerProgress summary) {
        if (!finished) {
            write(summary);
            finished = true;
        }
    }

    /**
     * Plain text instead of a summary, for a trainer that stops before its first report (exit
     * {@code GPU_NOT_VISIBLE}): the operator shows the termination message of such an exit as it is. Cut to
     * Kubernetes' limit.
     */
    public synchronized void failed(String message) {
        if (!finished) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            int limit = ProgressJson.TERMINATION_MESSAGE_LIMIT;
            write(bytes.length <= limit ? message : new String(bytes, 0, limit - 3, StandardCharsets.UTF_8).replace("\uFFFD", "") + "…");
            finished = true;
        }
    }

    private void write(TrainerProgress progress) {
        write(ProgressJson.terminationMessage(progress, ProgressJson.TERMINATION_MESSAGE_LIMIT));
    }

    private void write(String message) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.write(path, message.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            LOG.warnf("cannot write the termination message to %s: %s", path, e.getMessage());
        }
    }
}
