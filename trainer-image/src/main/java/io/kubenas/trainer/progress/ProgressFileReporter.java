package io.kubenas.trainer.progress;

import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * {@code progress.json} in the work dir: what a person (or a script) reads during a local run, and a
 * record on the volume in a pod. Replaced atomically (temporary file, then rename), so a reader never
 * sees half a file. Routine reports are written at most once per interval.
 */
public final class ProgressFileReporter implements ProgressReporter {
    private static final Logger LOG = Logger.getLogger(ProgressFileReporter.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private final Path file;
    private final ReportThrottle throttle;
    private boolean failing;
    private boolean finished;

    public ProgressFileReporter(Path workDir) {
        this(workDir, DEFAULT_INTERVAL, System::nanoTime);
    }

    ProgressFileReporter(Path workDir, Duration interval, LongSupplier nanoTime) {
        this.file = workDir.resolve(PodContract.PROGRESS_KEY);
        this.throttle = new ReportThrottle(interval, nanoTime);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void report(TrainerProgress progress) {
        if (!finished && throttle.tryAcquire()) {
            write(progress);
        }
    }

    @Override
    public synchronized void reportNow(TrainerProgress progress) {
        if (!finished) {
            throttle.restart();
            write(progress);
        }
    }

    @Override
    public synchronized void finish(TrainerProgress summary) {
        reportNow(summary);
        finished = true;
    }

    private void write(TrainerProgress progress) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(temp, ProgressJson.write(progress), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (failing) {
                LOG.infof("writing %s works again", file);
                failing = false;
            }
        } catch (IOException e) {
            if (!failing) {
                LOG.warnf("cannot write %s: %s (progress continues; retrying on the next report)", file, e.getMessage());
                failing = true;
            }
        }
    }
}
