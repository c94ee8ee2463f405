package io.kubenas.trainer.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.history.EpochRecord;
import io.kubenas.api.progress.history.SearchHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {
    @TempDir
    Path dir;

    @Test
    void aHistoryIsReadBackAsItWasWrittenAndLeavesNoTemporaryFileBehind() throws Exception {
        SearchHistory history = SearchHistory.builder().formatVersion(SearchHistory.FORMAT_VERSION).search("demo").build();
        history.getEpochs().add(EpochRecord.builder().epoch(1).trainingLoss(2.3).build());

        HistoryFile.write(dir, history);
        HistoryFile.write(dir, history);

        assertThat(HistoryFile.read(dir)).isEqualTo(history);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(PodContract.HISTORY_FILE);
        }
    }

    @Test
    void listsLeftOutOfTheFileReadAsEmpty() throws Exception {
        Files.writeString(dir.resolve(PodContract.HISTORY_FILE), "{\"formatVersion\": 1, \"search\": \"demo\", \"futureField\": true}");

        SearchHistory history = HistoryFile.read(dir);

        assertThat(history.getEpochs()).isEmpty();
        assertThat(history.getLayers()).isEmpty();
        assertThat(history.getCheckpoints()).isEmpty();
        assertThat(history.getEarlyFixes()).isEmpty();
        assertThat(history.getStages()).isEmpty();
        assertThat(history.getAttempts()).isEmpty();
    }

    @Test
    void aNewerFormatIsRefusedSayingToUseANewerKubenas() throws Exception {
        Files.writeString(dir.resolve(PodContract.HISTORY_FILE), "{\"formatVersion\": " + (SearchHistory.FORMAT_VERSION + 1) + "}");

        assertThatThrownBy(() -> HistoryFile.read(dir)).isInstanceOf(InvalidHistoryException.class).hasMessageContaining("use a newer kubenas");
    }

    @Test
    void aMissingHistoryIsNamedWithItsFolder() {
        assertThatThrownBy(() -> HistoryFile.read(dir)).isInstanceOf(InvalidHistoryException.class)
                .hasMessageStartingWith("no search history in " + dir + " (history.json is missing)");
    }
}
