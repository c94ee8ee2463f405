package io.kubenas.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileReporterTest {
    @TempDir
    Path work;

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void progressJsonRoundTripsToTheSameTrainerProgress() throws IOException {
        ProgressFileReporter reporter = new ProgressFileReporter(work);
        TrainerProgress summary = SampleProgress.finished(5);

        reporter.finish(summary);

        Path file = work.resolve("progress.json");
        assertThat(ProgressJson.read(Files.readString(file))).isEqualTo(summary);
        try (var files = Files.list(work)) {
            assertThat(files).containsExactly(file); // the temporary file was renamed, not left behind
        }
    }

    @Test
    void routineReportsAreWrittenAtMostOncePerIntervalAndForcedOnesAlways() throws IOException {
        ProgressFileReporter reporter = new ProgressFileReporter(work, Duration.ofSeconds(1), nanos::get);

        reporter.report(SampleProgress.searching(1));
        reporter.report(SampleProgress.searching(2));
        assertThat(writtenStep()).isEqualTo(1);

        reporter.reportNow(SampleProgress.searching(3));
        assertThat(writtenStep()).isEqualTo(3);

        nanos.addAndGet(Duration.ofMillis(1_001).toNanos());
        reporter.report(SampleProgress.searching(4));
        assertThat(writtenStep()).isEqualTo(4);
    }

    @Test
    void reportsAfterTheFinalSummaryAreIgnored() throws IOException {
        ProgressFileReporter reporter = new ProgressFileReporter(work, Duration.ZERO, nanos::get);

        reporter.finish(SampleProgress.finished(2));
        reporter.reportNow(SampleProgress.searching(99));

        assertThat(ProgressJson.read(Files.readString(work.resolve("progress.json"))).getOutcome()).hasToString("TARGET_REACHED");
    }

    @Test
    void anUnwritableWorkDirDoesNotThrow() throws IOException {
        Path notADirectory = Files.writeString(work.resolve("file"), "x");
        ProgressFileReporter reporter = new ProgressFileReporter(notADirectory, Duration.ZERO, nanos::get);

        reporter.report(SampleProgress.searching(1));
        reporter.finish(SampleProgress.finished(1));
    }

    private long writtenStep() throws IOException {
        return ProgressJson.read(Files.readString(work.resolve("progress.json"))).getProgress().getStep();
    }
}
