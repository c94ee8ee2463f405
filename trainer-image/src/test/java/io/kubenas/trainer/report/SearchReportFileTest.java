package io.kubenas.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.history.HistoryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which history and child a work dir's report is drawn from. */
class SearchReportFileTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    @TempDir
    Path work;

    @Test
    void aWorkDirWithoutAChildGetsAReportWithoutTheChildsCharts() throws Exception {
        SearchHistory history = SampleHistories.finished("running", CLASSES);
        history.setTest(null);
        HistoryFile.write(work, history);

        Path report = SearchReportFile.writeFor(work);

        assertThat(report).isEqualTo(work.resolve(PodContract.REPORT_FILE));
        JsonNode data = ReportFixtures.data(Files.readString(report));
        assertThat(data.has("child")).isFalse();
        assertThat(data.has("confusion")).isFalse();
        assertThat(data.get("alpha").get("cells")).isNotEmpty();
    }

    @Test
    void anAttemptResumedAfterTheExportStillShowsTheExportedChildsEvaluation() throws Exception {
        SearchHistory exported = SampleHistories.finished("resumed", CLASSES);
        Path child = Files.createDirectories(work.resolve(PodContract.CHILD_DIR));
        ChildDirectory.JSON.writeValue(child.resolve(ChildDirectory.ARCHITECTURE).toFile(), SampleHistories.child("resumed", CLASSES));
        HistoryFile.write(child, exported);
        SearchHistory continued = SampleHistories.finished("resumed", CLASSES);
        continued.setTest(null); // the checkpoint's copy was saved before the child was tested
        HistoryFile.write(work, continued);

        JsonNode data = ReportFixtures.data(Files.readString(SearchReportFile.writeFor(work)));

        assertThat(data.get("confusion").get("cells")).hasSize(9);
        assertThat(data.get("child").get("blocks")).hasSize(11);
    }
}
