package io.kubenas.trainer.search;

import static io.kubenas.trainer.search.SearchRunnerTest.manifest;
import static io.kubenas.trainer.search.SearchRunnerTest.noStop;
import static io.kubenas.trainer.search.SearchRunnerTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.progress.history.AttemptStart;
import io.kubenas.api.progress.history.CheckpointEvent;
import io.kubenas.api.progress.history.EpochRecord;
import io.kubenas.api.progress.history.LayerAlpha;
import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.api.progress.history.StageChange;
import io.kubenas.api.progress.history.TestEvaluation;
import io.kubenas.trainer.checkpoint.CheckpointStore;
import io.kubenas.trainer.history.HistoryFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search history a real run on Fashion-MNIST keeps in its work dir, its checkpoints and its child. */
@Tag("slow") // whole searches: left out of the fast loop (-Pfast)
class SearchHistoryTest {
    /**
     * 3 search epochs (the first with α frozen) and 1 child epoch of 15 steps each; early fixing at a margin of 0.01, which
     * (with seed 7) some layers reach by the start of the third epoch.
     */
    private static final String YAML = manifest(3, 1, 1, 15, "").replace("    seed: 7\n", "    seed: 7\n    earlyFixThreshold: 0.01\n");

    @Test
    void aShortRunRecordsOneEpochRecordPerEpochWithEverythingTheReportDraws(@TempDir Path work) throws Exception {
        SearchOutcome outcome = run(YAML, work, new SearchRunnerTest.Recorder(), noStop(), 0);
        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);

        SearchHistory history = HistoryFile.read(work);
        assertThat(history.getSearch()).isEqualTo("test-search");
        assertThat(history.getTotalEpochs()).isEqualTo(4);
        assertThat(history.getLayers()).hasSize(8).allSatisfy(layer -> assertThat(layer.getCandidates()).hasSize(4));
        assertThat(history.getEpochs()).extracting(EpochRecord::getEpoch).containsExactly(1, 2, 3, 4);
        assertThat(history.getEpochs()).extracting(EpochRecord::getStage)
                .containsExactly(TrainerStage.SEARCHING, TrainerStage.SEARCHING, TrainerStage.SEARCHING, TrainerStage.CHILD_TRAINING);
        assertThat(history.getEpochs()).extracting(EpochRecord::getStep).containsExactly(15L, 30L, 45L, 60L);
        double deviceSeconds = 0;
        for (EpochRecord epoch : history.getEpochs()) {
            assertThat(epoch.getTrainingLoss()).isPositive();
            assertThat(epoch.getValidationAccuracy()).isBetween(0.0, 1.0);
            assertThat(epoch.getImagesPerSecond()).isPositive();
            assertThat(epoch.getDeviceSeconds()).isGreaterThan(deviceSeconds);
            assertThat(epoch.getWallSeconds()).isEqualTo(epoch.getDeviceSeconds());
            deviceSeconds = epoch.getDeviceSeconds();
            assertThat(epoch.getLayers()).hasSize(8).allSatisfy(layer -> {
                assertThat(layer.getProbabilities()).hasSize(4);
                assertThat(layer.getProbabilities().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-3));
            });
        }
        assertThat(history.getEpochs().get(1).getLayers()).as("α moves once the warm-up epoch is over")
                .isNotEqualTo(history.getEpochs().get(0).getLayers());
        assertThat(history.getEpochs().get(0).getLayers()).as("nothing fixed before α moved").noneMatch(LayerAlpha::getFixed);
        assertThat(history.getEarlyFixes()).isNotEmpty().allSatisfy(fix -> {
            assertThat(fix.getEpoch()).isEqualTo(3);
            assertThat(history.getEpochs().get(2).getLayers().get(fix.getLayer()).getFixed()).isTrue();
            assertThat(history.getEpochs().get(2).getLayers().get(fix.getLayer()).getChoice()).isEqualTo(fix.getOp());
        });
        assertThat(history.getStages()).extracting(StageChange::getStage).containsExactly(TrainerStage.SEARCHING, TrainerStage.CHILD_TRAINING,
                TrainerStage.EVALUATING, TrainerStage.EXPORTED);
        assertThat(history.getAttempts()).extracting(AttemptStart::getResumedFrom).containsExactly((String) null);
        assertThat(history.getCheckpoints()).isNotEmpty().allSatisfy(c -> assertThat(c.getName()).isNotNull());
        assertThat(history.getCheckpoints()).extracting(CheckpointEvent::getName)
                .contains(CheckpointStore.inWorkDir(work, 3).latestValid().orElseThrow().name());
        assertThat(history.getOpenEpoch()).as("no epoch in progress after the last").isNull();

        TestEvaluation test = history.getTest();
        assertThat(test.getSplit()).isEqualTo("test");
        assertThat(test.getClassNames()).hasSize(10);
        assertThat(test.getConfusion()).hasSize(10).allSatisfy(row -> assertThat(row).hasSize(10));
        long images = test.getConfusion().stream().flatMap(List::stream).mapToLong(Long::longValue).sum();
        assertThat(images).isEqualTo(10_000).isEqualTo(test.getImages());
        long correct = 0;
        for (int c = 0; c < 10; c++) {
            correct += test.getConfusion().get(c).get(c);
        }
        assertThat(test.getAccuracy()).isEqualTo(outcome.summary().getChild().getTestAccuracy()).isCloseTo(correct / 10_000.0, within(1e-4));

        assertThat(HistoryFile.read(outcome.childDir())).as("the child carries the history as it was at export").isEqualTo(history);
        assertThat(outcome.report()).exists().hasFileName("report.html");
    }

    @Test
    void aRunStoppedAndResumedFromItsCheckpointContinuesTheSameHistory(@TempDir Path work) throws Exception {
        SearchHistory straight = HistoryFile.read(runToTheEnd(work.resolve("straight")));

        SearchRunnerTest.Recorder interrupted = new SearchRunnerTest.Recorder();
        GracefulStop stop = noStop();
        interrupted.stopAfter = stop;
        interrupted.stopAt = 31; // mid-way through the second epoch
        Path resumedDir = work.resolve("resumed");
        assertThat(run(YAML, resumedDir, interrupted, stop, 0).outcome()).isEqualTo(TrainerOutcome.STOPPED);
        SearchHistory stopped = HistoryFile.read(resumedDir);
        assertThat(stopped.getEpochs()).extracting(EpochRecord::getEpoch).containsExactly(1);
        assertThat(stopped.getOpenEpoch().getSteps()).as("the second epoch's steps so far").isPositive();
        String stopCheckpoint = CheckpointStore.inWorkDir(resumedDir, 3).latestValid().orElseThrow().name();
        assertThat(stopped.getCheckpoints().get(stopped.getCheckpoints().size() - 1).getName()).isEqualTo(stopCheckpoint);

        // The next attempt runs with a raised budget, as after a spec edit.
        SearchOutcome resumed = run(YAML.replace("deviceHours: 1", "deviceHours: 2"), resumedDir, new SearchRunnerTest.Recorder(), noStop(), 0);

        assertThat(resumed.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        SearchHistory continued = HistoryFile.read(resumedDir);
        assertThat(continued.getEpochs()).extracting(EpochRecord::getEpoch).as("no epoch lost or recorded twice").containsExactly(1, 2, 3, 4);
        // A resume is exact: the epoch the stop split has the same steps, mean loss, accuracy and distribution as without it.
        for (int e = 0; e < 4; e++) {
            EpochRecord expected = straight.getEpochs().get(e);
            EpochRecord actual = continued.getEpochs().get(e);
            assertThat(actual.getStep()).isEqualTo(expected.getStep());
            assertThat(actual.getTrainingLoss()).as("epoch %d's mean loss", e + 1).isEqualTo(expected.getTrainingLoss());
            assertThat(actual.getValidationAccuracy()).isEqualTo(expected.getValidationAccuracy());
            assertThat(actual.getLayers()).extracting(LayerAlpha::getProbabilities)
                    .isEqualTo(expected.getLayers().stream().map(LayerAlpha::getProbabilities).toList());
        }
        assertThat(continued.getEpochs()).extracting(EpochRecord::getAttempt).containsExactly(1, 1, 1, 1);
        assertThat(continued.getAttempts()).extracting(AttemptStart::getResumedFrom).containsExactly(null, stopCheckpoint);
        assertThat(continued.getAttempts().get(1).getEpoch()).isEqualTo(1);
        assertThat(stopped.getDeviceSecondsLimit()).isEqualTo(3600.0);
        assertThat(continued.getDeviceSecondsLimit()).as("the budget the resumed attempt runs with").isEqualTo(7200.0);
        assertThat(continued.getEarlyFixes()).extracting(f -> f.getLayer() + "@" + f.getEpoch())
                .containsExactlyElementsOf(straight.getEarlyFixes().stream().map(f -> f.getLayer() + "@" + f.getEpoch()).toList());
        assertThat(continued.getStages()).extracting(StageChange::getStage).containsExactly(TrainerStage.SEARCHING,
                TrainerStage.CHILD_TRAINING, TrainerStage.EVALUATING, TrainerStage.EXPORTED);
    }

    @Test
    void epochsAnAttemptRecordedAfterItsLastCheckpointAreDroppedWhenTheNextResumesFromThatCheckpoint(@TempDir Path work) throws Exception {
        SearchRunnerTest.Recorder interrupted = new SearchRunnerTest.Recorder();
        GracefulStop stop = noStop();
        interrupted.stopAfter = stop;
        interrupted.stopAt = 31;
        assertThat(run(YAML, work, interrupted, stop, 0).outcome()).isEqualTo(TrainerOutcome.STOPPED);
        // A crash after the stop's checkpoint: the work dir's history got an epoch no checkpoint holds.
        SearchHistory crashed = HistoryFile.read(work);
        crashed.getEpochs().add(EpochRecord.builder().epoch(2).step(999L).build());
        HistoryFile.write(work, crashed);

        run(YAML, work, new SearchRunnerTest.Recorder(), noStop(), 0);

        assertThat(HistoryFile.read(work).getEpochs()).extracting(EpochRecord::getStep).containsExactly(15L, 30L, 45L, 60L);
    }

    private static Path runToTheEnd(Path work) throws Exception {
        assertThat(run(YAML, work, new SearchRunnerTest.Recorder(), noStop(), 0).outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        return work;
    }
}
