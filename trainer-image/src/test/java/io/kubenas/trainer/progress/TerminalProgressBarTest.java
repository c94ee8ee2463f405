package io.kubenas.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.v1alpha1.ProgressStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void rendersEpochStepLossAccuracyThroughputEtaAndBudgetLeft() {
        String line = TerminalProgressBar.render(SampleProgress.searching(2345));

        assertThat(line).contains("Searching")
                .contains("epoch 3/16 [####----------------]")
                .contains("step 2,345")
                .contains("loss 0.412")
                .contains("val 88.4% (best 89.0%)")
                .contains("1,650 img/s")
                .contains("ETA 6m 12s")
                .contains("budget 12% used, 52m 48s left");
    }

    @Test
    void leavesOutWhatIsNotKnownYet() {
        assertThat(TerminalProgressBar.render(new TrainerProgress())).isEmpty();
        assertThat(TerminalProgressBar.duration(45)).isEqualTo("45s");
        assertThat(TerminalProgressBar.duration(3_900)).isEqualTo("1h 05m");
    }

    @Test
    void onATerminalRedrawsOneLineInPlace() {
        TerminalProgressBar bar = new TerminalProgressBar(out, true, Duration.ofMillis(200), nanos::get);

        bar.report(SampleProgress.searching(10_000));
        nanos.addAndGet(Duration.ofMillis(300).toNanos());
        ProgressStatus withoutLoss = SampleProgress.searching(1).getProgress();
        withoutLoss.setLoss(null);
        bar.report(TrainerProgress.builder().progress(withoutLoss).build());

        String text = text();
        assertThat(text).startsWith("\r").doesNotContain("\n");
        String[] frames = text.substring(1).split("\r");
        assertThat(frames).hasSize(2);
        assertThat(frames[1].length()).isEqualTo(frames[0].length()); // the shorter line is padded over the longer
    }

    @Test
    void withoutATerminalPrintsPlainLinesOnlyEveryIntervalOrWhenForced() {
        TerminalProgressBar bar = new TerminalProgressBar(out, false, Duration.ofSeconds(30), nanos::get);

        bar.report(SampleProgress.searching(1));
        bar.report(SampleProgress.searching(2));
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        bar.reportNow(SampleProgress.searching(3));
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        bar.report(SampleProgress.searching(4));

        assertThat(text()).doesNotContain("\r").contains("step 1").doesNotContain("step 2").contains("step 3").contains("step 4");
        assertThat(text().lines()).hasSize(3);
    }

    @Test
    void finishEndsTheLineWithAVerdict() {
        TerminalProgressBar bar = new TerminalProgressBar(out, true, Duration.ofMillis(200), nanos::get);

        bar.finish(SampleProgress.finished(2));
        bar.report(SampleProgress.searching(5));

        assertThat(text()).endsWith("Finished (TARGET_REACHED): child 93.1% on test, 93.4% on validation, at child" + System.lineSeparator());
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
