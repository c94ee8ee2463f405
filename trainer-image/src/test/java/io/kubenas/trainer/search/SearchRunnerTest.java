package io.kubenas.trainer.search;

import io.kubenas.api.budget.ComputeBudget;
import io.kubenas.api.budget.Usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.manifest.NasSearchManifests;
import io.kubenas.api.progress.TrainerExitCode;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.trainer.checkpoint.CheckpointStore;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.child.ChildPublisher;
import io.kubenas.trainer.data.DatasetLocations;
import io.kubenas.trainer.progress.ProgressReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole DSNAS pipeline on real Fashion-MNIST, through the entry point the CLI uses. */
@Tag("slow") // whole searches or a child process: left out of the fast loop (-Pfast)
class SearchRunnerTest {

    static String manifest(int epochs, int warmup, int childEpochs, int stepsPerEpoch, String extra) {
        return """
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: test-search
                spec:
                  dataset:
                    builtin: fashion-mnist
                  training:
                    epochs: %d
                    warmupEpochs: %d
                    childEpochs: %d
                    maxStepsPerEpoch: %d
                    seed: 7
                  budget:
                    deviceHours: 1
                %s""".formatted(epochs, warmup, childEpochs, stepsPerEpoch, extra);
    }

    /** Records what was reported and can request a stop after a number of reports. */
    static final class Recorder implements ProgressReporter {
        final List<TrainerProgress> reports = new ArrayList<>();
        TrainerProgress summary;
        GracefulStop stopAfter;
        int stopAt = -1;
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void report(TrainerProgress progress) {
            reports.add(progress);
            if (stopAfter != null && count.incrementAndGet() == stopAt) {
                stopAfter.request("SIGTERM");
            }
        }

        @Override
        public void finish(TrainerProgress finalSummary) {
            summary = finalSummary;
        }
    }

    static SearchOutcome run(String yaml, Path workDir, Recorder recorder, GracefulStop stop, long maxSteps) throws IOException {
        SearchPlan plan = SearchPlan.from(NasSearchManifests.parse(yaml), maxSteps);
        RunEnvironment env = new RunEnvironment(workDir, DatasetLocations.defaults(), recorder, stop, Clock.systemUTC(), 1, Usage.NONE);
        return new SearchRunner(plan, env).run();
    }

    static SearchOutcome run(String yaml, Path workDir, Recorder recorder, SpecEdits.Source edits) throws IOException {
        SearchPlan plan = SearchPlan.from(NasSearchManifests.parse(yaml), 0);
        RunEnvironment env = new RunEnvironment(workDir, DatasetLocations.defaults(), recorder, noStop(), Clock.systemUTC(), 1, Usage.NONE, edits,
                MissingGpus.USE_WHAT_IS_THERE, ChildPublisher.NONE);
        return new SearchRunner(plan, env).run();
    }

    static GracefulStop noStop() {
        return new GracefulStop(Duration.ofMinutes(5), code -> { });
    }

    @Test
    void shortSearchOnFashionMnistExportsAChildThatClearlyBeatsChance(@TempDir Path work) throws Exception {
        Recorder recorder = new Recorder();
        // 600 steps of 64 images: 150 with α frozen, 150 searching, 300 training the child on.
        SearchOutcome outcome = run(manifest(2, 1, 2, 150, ""), work, recorder, noStop(), 0);

        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        assertThat(outcome.exitCode()).isEqualTo(TrainerExitCode.FINISHED);
        assertThat(outcome.summary().getChild().getTestAccuracy()).isGreaterThan(0.70);
        assertThat(outcome.summary().getChild().getOps()).hasSize(8);
        ChildDirectory.verify(outcome.childDir());
        assertThat(recorder.summary.getBudget().getDeviceSecondsUsed()).isPositive();
        assertThat(recorder.summary.getCheckpoints().getLatest()).isNotNull();
    }

    @Test
    void resumedSearchEndsInTheSameStateAsAnUninterruptedOne(@TempDir Path work) throws Exception {
        String yaml = manifest(2, 1, 1, 20, "");
        SearchOutcome straight = run(yaml, work.resolve("straight"), new Recorder(), noStop(), 0);

        Recorder interrupted = new Recorder();
        GracefulStop stop = noStop();
        interrupted.stopAfter = stop;
        interrupted.stopAt = 31; // mid-way through the second search epoch
        SearchOutcome stopped = run(yaml, work.resolve("resumed"), interrupted, stop, 0);
        assertThat(stopped.outcome()).isEqualTo(TrainerOutcome.STOPPED);
        assertThat(stopped.exitCode()).isEqualTo(TrainerExitCode.STOPPED_RESUMABLE);
        assertThat(stopped.childDir()).isNull();

        SearchOutcome resumed = run(yaml, work.resolve("resumed"), new Recorder(), noStop(), 0);

        assertThat(resumed.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        assertThat(resumed.summary().getChild().getOps()).isEqualTo(straight.summary().getChild().getOps());
        assertThat(Files.readAllBytes(resumed.childDir().resolve(ChildDirectory.PARAMETERS)))
                .as("child weights after resume").isEqualTo(Files.readAllBytes(straight.childDir().resolve(ChildDirectory.PARAMETERS)));
        assertThat(resumed.summary().getChild().getTestAccuracy()).isEqualTo(straight.summary().getChild().getTestAccuracy());
        assertThat(resumed.summary().getProgress().getStep()).isEqualTo(straight.summary().getProgress().getStep());
    }

    @Test
    void targetAccuracyStopsTheSearchAndExportsTheChild(@TempDir Path work) throws Exception {
        SearchOutcome outcome = run(manifest(5, 0, 0, 40, "  target:\n    accuracy: 0.2\n"), work, new Recorder(), noStop(), 0);
        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.TARGET_REACHED);
        assertThat(outcome.summary().getProgress().getEpoch()).isLessThan(5);
        assertThat(outcome.childDir()).exists();
    }

    @Test
    void spentBudgetStopsWithACheckpointAndStillExportsTheChild(@TempDir Path work) throws Exception {
        // 0.002 device-hours = 7.2 device-seconds: far less than 50 epochs need.
        SearchOutcome outcome = run(manifest(50, 0, 0, 20, "").replace("deviceHours: 1", "deviceHours: 0.002"), work,
                new Recorder(), noStop(), 0);
        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.BUDGET_EXHAUSTED);
        assertThat(outcome.summary().getBudget().getDeviceSecondsUsed()).isGreaterThanOrEqualTo(7.2);
        assertThat(CheckpointStore.inWorkDir(work, 3).latestValid()).isPresent();
        assertThat(outcome.childDir()).exists();
    }

    @Test
    void aTargetSetWhileTheSearchRunsStopsItAtTheNextEpochEnd(@TempDir Path work) throws Exception {
        String yaml = manifest(6, 0, 0, 10, "");
        SpecEdits asStarted = SpecEdits.of(SearchPlan.from(NasSearchManifests.parse(yaml), 0));
        // GitOps adds a target any child beats after the first epoch.
        AtomicInteger reads = new AtomicInteger();
        SpecEdits.Source edited = () -> java.util.Optional.of(reads.incrementAndGet() < 2 ? asStarted
                : new SpecEdits(0.01, asStarted.budget()));

        SearchOutcome outcome = run(yaml, work, new Recorder(), edited);

        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.TARGET_REACHED);
        assertThat(outcome.summary().getProgress().getEpoch()).as("stopped after the second epoch").isLessThanOrEqualTo(3);
        assertThat(outcome.summary().getMessage()).contains("target accuracy 0.01 reached");
        assertThat(outcome.childDir()).exists();
    }

    @Test
    void aBudgetLoweredWhileTheSearchRunsStopsItWithACheckpointAndTheChild(@TempDir Path work) throws Exception {
        String yaml = manifest(6, 0, 0, 10, "");
        SpecEdits asStarted = SpecEdits.of(SearchPlan.from(NasSearchManifests.parse(yaml), 0));
        SpecEdits.Source lowered = () -> java.util.Optional.of(new SpecEdits(null, new ComputeBudget(1.0, asStarted.budget().maxWallSeconds(), asStarted.budget().devices())));

        SearchOutcome outcome = run(yaml, work, new Recorder(), lowered);

        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.BUDGET_EXHAUSTED);
        assertThat(outcome.summary().getBudget().getDeviceSecondsLimit()).isEqualTo(1.0);
        assertThat(outcome.summary().getProgress().getEpoch()).isLessThan(6);
        assertThat(CheckpointStore.inWorkDir(work, 3).latestValid()).isPresent();
        assertThat(outcome.childDir()).exists();
    }

    @Test
    void theMountedSpecIsReReadAndAnUnreadableOneIsSkipped(@TempDir Path work) throws Exception {
        Path file = work.resolve("search.yaml");
        Files.writeString(file, manifest(2, 0, 0, 10, "  target:\n    accuracy: 0.9\n"));
        SpecEdits.Source source = SpecEdits.fromFile(file);
        assertThat(source.read()).get().extracting(SpecEdits::targetAccuracy).isEqualTo(0.9);

        Files.writeString(file, manifest(2, 0, 0, 10, "  target:\n    accuracy: 0.8\n").replace("deviceHours: 1", "deviceHours: 2"));
        assertThat(source.read()).contains(new SpecEdits(0.8, new ComputeBudget(7200.0, Double.POSITIVE_INFINITY, 1)));

        Files.writeString(file, "spec: {");
        assertThat(source.read()).isEmpty();
    }
}
