package io.kubenas.trainer.search;

import static io.kubenas.trainer.search.SearchRunnerTest.manifest;
import static io.kubenas.trainer.search.SearchRunnerTest.noStop;
import static io.kubenas.trainer.search.SearchRunnerTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.LayerChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strategy FIXED, the baseline a search is measured against: the architecture the manifest spells out is trained
 * from scratch on real Fashion-MNIST and exported like a searched child, with no pruning and no choice made.
 */
@Tag("slow") // whole runs: left out of the fast loop (-Pfast)
class FixedStrategyTest {

    @Test
    void fixedTrainsAndExportsExactlyTheArchitectureItIsGiven(@TempDir Path work) throws Exception {
        String yaml = manifest(1, 0, 0, 20, """
                  searchSpace:
                    stemChannels: 16
                    tailChannels: 64
                    layers:
                    - {outChannels: 32, stride: 2, candidates: [shuffle3x3]}
                    - {outChannels: 32, stride: 1, candidates: [xception]}
                    - {outChannels: 64, stride: 2, candidates: [shuffle7x7]}
                """).replace("spec:\n", "spec:\n  strategy: FIXED\n");
        SearchRunnerTest.Recorder recorder = new SearchRunnerTest.Recorder();

        SearchOutcome outcome = run(yaml, work, recorder, noStop(), 0);

        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        assertThat(recorder.reports).as("nothing to prune").noneMatch(p -> p.getStage() == TrainerStage.PRUNING);
        assertThat(outcome.summary().getTenas()).isNull();
        assertThat(outcome.summary().getChild().getOps()).containsExactly("shuffle3x3", "xception", "shuffle7x7");
        List<LayerChoice> layers = outcome.summary().getArchitecture().getLayers();
        assertThat(layers).extracting(LayerChoice::getProbabilities)
                .containsExactly(Map.of("shuffle3x3", 1.0), Map.of("xception", 1.0), Map.of("shuffle7x7", 1.0));
        // Trained, not merely built: 20 steps of SGD take a 10-class network to twice chance (27% when written).
        assertThat(outcome.summary().getChild().getTestAccuracy()).isGreaterThan(0.2);
        assertThat(Files.isDirectory(outcome.childDir())).isTrue();
    }
}
