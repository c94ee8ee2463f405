package io.kubenas.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.PodContract;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressReportersTest {
    @TempDir
    Path work;

    @Test
    void aPodReportsToTheConfigMapOnlyWhenTheOperatorNamedIt() {
        try (ProgressReporter without = ProgressReporters.forPod(work, Map.of());
                ProgressReporter with = ProgressReporters.forPod(work, Map.of(PodContract.ENV_NAMESPACE, "team-a",
                        PodContract.ENV_PROGRESS_CONFIGMAP, "fashion-progress"))) {

            assertThat(((CompositeProgressReporter) without).reporters())
                    .hasExactlyElementsOfTypes(ProgressFileReporter.class, TerminationMessageReporter.class);
            assertThat(((CompositeProgressReporter) with).reporters())
                    .hasExactlyElementsOfTypes(ProgressFileReporter.class, ProgressConfigMapReporter.class, TerminationMessageReporter.class);
        }
    }

    @Test
    void aLocalRunWritesTheFileAndDrawsTheBar() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        try (ProgressReporter local = ProgressReporters.forLocalRun(work, new PrintStream(terminal, true), false)) {
            local.reportNow(SampleProgress.searching(7));
        }

        assertThat(work.resolve(PodContract.PROGRESS_KEY)).exists();
        assertThat(terminal.toString()).contains("step 7");
    }
}
