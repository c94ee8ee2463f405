package io.kubenas.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeProgressReporterTest {

    @Test
    void aFailingReporterDoesNotStopTheOthers() {
        List<String> seen = new ArrayList<>();
        ProgressReporter broken = progress -> {
            throw new IllegalStateException("boom");
        };
        ProgressReporter recording = new ProgressReporter() {
            @Override
            public void report(TrainerProgress progress) {
                seen.add("report");
            }

            @Override
            public void finish(TrainerProgress summary) {
                seen.add("finish");
            }
        };

        CompositeProgressReporter composite = CompositeProgressReporter.of(broken, recording);
        composite.report(SampleProgress.searching(1));
        composite.reportNow(SampleProgress.searching(2));
        composite.finish(SampleProgress.finished(1));
        composite.close();

        assertThat(seen).containsExactly("report", "report", "finish");
    }
}
