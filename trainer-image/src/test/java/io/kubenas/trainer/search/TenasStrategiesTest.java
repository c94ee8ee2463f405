package io.kubenas.trainer.search;

import static io.kubenas.trainer.search.SearchRunnerTest.manifest;
import static io.kubenas.trainer.search.SearchRunnerTest.noStop;
import static io.kubenas.trainer.search.SearchRunnerTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.LayerChoice;
import io.kubenas.api.v1alpha1.TenasStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TE-NAS as a strategy of its own and as DSNAS's first stage, on real Fashion-MNIST, through the CLI's entry point. */
@Tag("slow") // whole searches or a child process: left out of the fast loop (-Pfast)
class TenasStrategiesTest {
    /** Small but real pruning settings: the tiny space prunes in seconds. */
    private static final String CHEAP_PRUNING = """
              tenas:
                widthMultiplier: 0.125
                repeats: 1
                ntkBatchSize: 8
                regionSamples: 200
            """;

    private static String strategy(String yaml, String strategy) {
        return yaml.replace("spec:\n", "spec:\n  strategy: " + strategy + "\n");
    }

    @Test
    void tenasPrunesToOneCandidatePerLayerReportsPruningAndTrainsThatChild(@TempDir Path work) throws Exception {
        SearchRunnerTest.Recorder recorder = new SearchRunnerTest.Recorder();
        SearchOutcome outcome = run(strategy(manifest(1, 0, 0, 10, CHEAP_PRUNING), "TENAS"), work, recorder, noStop(), 0);

        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        List<TrainerProgress> pruning = recorder.reports.stream().filter(p -> p.getStage() == TrainerStage.PRUNING).toList();
        assertThat(pruning).as("pruning rounds reported as progress").hasSizeGreaterThanOrEqualTo(2);
        TenasStatus tenas = outcome.summary().getTenas();
        assertThat(tenas.getRounds()).isEqualTo(3); // 4 → 3 → 2 → 1 candidates per layer
        assertThat(tenas.getSurvivors()).hasSize(8).allSatisfy(kept -> assertThat(kept).hasSize(1));
        assertThat(tenas.getScores()).isNotEmpty();
        assertThat(tenas.getSeconds()).isPositive();
        // The child is exactly what pruning kept.
        assertThat(outcome.summary().getChild().getOps()).isEqualTo(tenas.getSurvivors().stream().map(kept -> kept.get(0)).toList());
        assertThat(Files.exists(work.resolve(PruningStage.RESULT_FILE))).isTrue();
    }

    @Test
    void tenasDsnasSearchesOnlyTheSurvivorsAndAResumedAttemptDoesNotPruneAgain(@TempDir Path work) throws Exception {
        String yaml = strategy(manifest(2, 0, 0, 5, CHEAP_PRUNING + "    survivorsPerLayer: 2\n"), "TENAS_DSNAS");
        SearchRunnerTest.Recorder first = new SearchRunnerTest.Recorder();
        GracefulStop stop = noStop();
        first.stopAfter = stop;
        first.stopAt = 3; // a few training steps in: stopped, resumable
        SearchOutcome stopped = run(yaml, work, first, stop, 0);
        assertThat(stopped.outcome()).isEqualTo(TrainerOutcome.STOPPED);
        TenasStatus pruned = stopped.summary().getTenas();
        assertThat(pruned.getSurvivors()).hasSize(8).allSatisfy(kept -> assertThat(kept).hasSize(2));
        List<LayerChoice> layers = stopped.summary().getArchitecture().getLayers();
        for (int i = 0; i < layers.size(); i++) {
            assertThat(layers.get(i).getProbabilities().keySet()).as("layer %d searches only its survivors", i)
                    .containsExactlyInAnyOrderElementsOf(pruned.getSurvivors().get(i));
        }

        SearchRunnerTest.Recorder second = new SearchRunnerTest.Recorder();
        SearchOutcome resumed = run(yaml, work, second, noStop(), 0);

        assertThat(resumed.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        assertThat(second.reports).as("no pruning in the resumed attempt").noneMatch(p -> p.getStage() == TrainerStage.PRUNING);
        assertThat(resumed.summary().getTenas()).isEqualTo(pruned);
        for (int i = 0; i < 8; i++) {
            assertThat(pruned.getSurvivors().get(i)).contains(resumed.summary().getChild().getOps().get(i));
        }
    }
}
