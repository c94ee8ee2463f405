package io.kubenas.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageReporterTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFinalSummaryWhenTheTerminationLogExists() throws IOException {
        Path log = Files.createFile(dir.resolve("termination-log"));
        TerminationMessageReporter reporter = new TerminationMessageReporter(log);

        reporter.report(SampleProgress.searching(1));
        assertThat(Files.readString(log)).isEmpty();
        reporter.finish(SampleProgress.finished(3));

        TrainerProgress written = ProgressJson.read(Files.readString(log));
        assertThat(written).isEqualTo(SampleProgress.finished(3));
    }

    @Test
    void aTrainerStoppingBeforeItsFirstReportLeavesPlainTextWithinTheLimit() throws IOException {
        Path log = Files.createFile(dir.resolve("termination-log"));
        TerminationMessageReporter reporter = new TerminationMessageReporter(log);

        reporter.failed("spec.resources.gpus asks for 2 GPUs but PyTorch sees 0: " + "é".repeat(3000));
        reporter.finish(SampleProgress.finished(3));

        byte[] bytes = Files.readAllBytes(log);
        assertThat(bytes.length).isLessThanOrEqualTo(ProgressJson.TERMINATION_MESSAGE_LIMIT);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).as("the first word stays").startsWith("spec.resources.gpus asks for 2 GPUs")
                .endsWith("é…").doesNotContain("\uFFFD");
    }

    @Test
    void leavesNoFileWhereThereIsNoTerminationLog() {
        Path log = dir.resolve("termination-log");

        new TerminationMessageReporter(log).finish(SampleProgress.finished(3));

        assertThat(log).doesNotExist();
    }

    @Test
    void keepsTheMessageWithinKubernetesLimitByDroppingDetailsFirst() throws IOException {
        Path log = Files.createFile(dir.resolve("termination-log"));
        // The 20-layer ImageNet space with probabilities and a long failure message: far over 4096 bytes.
        TrainerProgress big = SampleProgress.finished(20);
        big.setMessage("x".repeat(10_000));
        assertThat(ProgressJson.write(big).length()).isGreaterThan(ProgressJson.TERMINATION_MESSAGE_LIMIT);

        new TerminationMessageReporter(log).finish(big);

        byte[] bytes = Files.readAllBytes(log);
        assertThat(bytes.length).isLessThanOrEqualTo(ProgressJson.TERMINATION_MESSAGE_LIMIT);
        TrainerProgress written = ProgressJson.read(new String(bytes, StandardCharsets.UTF_8));
        assertThat(written.getOutcome()).isEqualTo(TrainerOutcome.TARGET_REACHED);
        assertThat(written.getChild().getTestAccuracy()).isEqualTo(0.931);
        assertThat(written.getProgress()).isEqualTo(big.getProgress());
        assertThat(written.getBudget()).isEqualTo(big.getBudget());
        assertThat(written.getCheckpoints().getLatest()).isEqualTo(big.getCheckpoints().getLatest());
        assertThat(written.getArchitecture()).isNull();
        assertThat(written.getMessage()).startsWith("xxx").hasSizeLessThan(4096);
    }

    @Test
    void aSmallSummaryIsWrittenWhole() {
        TrainerProgress summary = SampleProgress.finished(3);

        assertThat(ProgressJson.terminationMessage(summary, ProgressJson.TERMINATION_MESSAGE_LIMIT)).isEqualTo(ProgressJson.write(summary));
    }
}
