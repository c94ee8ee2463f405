package io.kubenas.trainer.search;

import io.kubenas.api.budget.Usage;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.progress.history.AttemptStart;
import io.kubenas.api.progress.history.CheckpointEvent;
import io.kubenas.api.progress.history.EarlyFix;
import io.kubenas.api.progress.history.EpochRecord;
import io.kubenas.api.progress.history.HistoryLayer;
import io.kubenas.api.progress.history.LayerAlpha;
import io.kubenas.api.progress.history.OpenEpoch;
import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.api.progress.history.StageChange;
import io.kubenas.api.progress.history.TestEvaluation;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.trainer.dsnas.ArchitectureParameters;
import io.kubenas.trainer.history.HistoryFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the {@link SearchHistory} of the running search: the loop tells it what happened, it appends the records and
 * rewrites {@value io.kubenas.api.progress.PodContract#HISTORY_FILE} in the work dir after each. A checkpoint carries
 * a copy ({@link #checkpointing}), and an attempt that resumes from that checkpoint continues that copy, so the history
 * follows the checkpoint lineage: epochs redone after a crash are recorded once.
 */
final class HistoryRecorder {
    private final Path workDir;
    private final Clock clock;
    private final int attempt;
    private final SearchHistory history;
    /** When the current stretch of training began (clock millis), or -1 outside training. */
    private long trainingSince = -1;

    private HistoryRecorder(Path workDir, Clock clock, int attempt, SearchHistory history) {
        this.workDir = workDir;
        this.clock = clock;
        this.attempt = attempt;
        this.history = history;
    }

    /** A history that starts now: the search's name, plan and space, and its pruning when TE-NAS pruned it. */
    static HistoryRecorder fresh(SearchPlan plan, SearchSetup setup, RunEnvironment env) {
        SearchHistory history = SearchHistory.builder()
                .formatVersion(SearchHistory.FORMAT_VERSION)
                .search(plan.name())
                .strategy(plan.strategy())
                .dataset(ChildExport.datasetName(plan))
                .totalEpochs(plan.totalEpochs())
                .targetAccuracy(plan.targetAccuracy())
                .deviceSecondsLimit(plan.budget().limitDeviceSeconds())
                .layers(layers(setup.space()))
                .pruning(setup.tenas())
                .build();
        return new HistoryRecorder(env.workDir(), env.clock(), env.attempt(), history);
    }

    /**
     * The history saved in the checkpoint {@code name} in {@code dir}, continued; a checkpoint written before histories
     * existed has none, and the history then starts at it.
     */
    static HistoryRecorder resumed(Path dir, String name, SearchPlan plan, SearchSetup setup, RunEnvironment env) throws IOException {
        if (!HistoryFile.existsIn(dir)) {
            return fresh(plan, setup, env);
        }
        SearchHistory saved = HistoryFile.read(dir);
        // A checkpoint's copy is saved before its directory is named: the newest event without a name is this one.
        List<CheckpointEvent> checkpoints = saved.getCheckpoints();
        if (!checkpoints.isEmpty() && checkpoints.get(checkpoints.size() - 1).getName() == null) {
            checkpoints.get(checkpoints.size() - 1).setName(name);
        }
        // The spec this attempt started with may have been edited since (a raised budget is why many attempts exist).
        saved.setTargetAccuracy(plan.targetAccuracy());
        saved.setDeviceSecondsLimit(plan.budget().limitDeviceSeconds());
        return new HistoryRecorder(env.workDir(), env.clock(), env.attempt(), saved);
    }

    SearchHistory history() {
        return history;
    }

    /** This attempt began at {@code at}: from the checkpoint {@code resumedFrom}, or from nothing when that is null. */
    void attemptStarted(String resumedFrom, Instant at, int epoch, long step, Usage used) throws IOException {
        history.getAttempts().add(AttemptStart.builder().attempt(attempt).time(time(at)).resumedFrom(resumedFrom).epoch(epoch).step(step)
                .deviceSeconds(seconds(used.deviceSeconds())).build());
        save();
    }

    /** The trainer entered {@code stage}; {@code at} when that was (pruning began before this recorder existed). */
    void stageChanged(TrainerStage stage, Instant at, int epoch, long step, Usage used) throws IOException {
        history.getStages().add(StageChange.builder().stage(stage).epoch(epoch).step(step).attempt(attempt)
                .deviceSeconds(seconds(used.deviceSeconds())).time(time(at)).build());
        save();
    }

    void stageChanged(TrainerStage stage, int epoch, long step, Usage used) throws IOException {
        stageChanged(stage, clock.instant(), epoch, step, used);
    }

    /** Early fixing fixed {@code layers} at the start of epoch {@code epoch} (from 1). */
    void layersFixed(List<Integer> layers, ArchitectureParameters alpha, ResolvedSearchSpace space, int epoch) throws IOException {
        for (int layer : layers) {
            int choice = alpha.choice(layer);
            history.getEarlyFixes().add(EarlyFix.builder().layer(layer).op(space.layers().get(layer).candidates().get(choice).wireName())
                    .probability(probability(alpha.probabilities(layer)[choice])).epoch(epoch).attempt(attempt).time(now()).build());
        }
        if (!layers.isEmpty()) {
            save();
        }
    }

    void trainingStarted() {
        trainingSince = clock.millis();
    }

    void trainingStopped() {
        foldTrainingTime();
        trainingSince = -1;
    }

    void stepDone(double loss, int images) {
        OpenEpoch open = openEpoch();
        open.setLossSum(open.getLossSum() + loss);
        open.setSteps(open.getSteps() + 1);
        open.setImages(open.getImages() + images);
    }

    /**
     * Epoch {@code state.epoch()} (from 1) ended and was validated: its record, from the open epoch's sums, the
     * distribution as it is now and the budget and target in effect.
     */
    void epochEnded(RunState state, long step, ArchitectureParameters alpha, Usage used, Double targetAccuracy, double deviceSecondsLimit)
            throws IOException {
        OpenEpoch open = openEpoch();
        history.setOpenEpoch(null);
        history.setTargetAccuracy(targetAccuracy);
        history.setDeviceSecondsLimit(deviceSecondsLimit);
        history.getEpochs().add(EpochRecord.builder()
                .epoch(state.epoch())
                .stage(state.stage())
                .attempt(attempt)
                .step(step)
                .trainingLoss(open.getSteps() == 0 ? null : ProgressTracker.round(open.getLossSum() / open.getSteps(), 4))
                .validationAccuracy(state.lastAccuracy() == null ? null : ProgressTracker.round(state.lastAccuracy(), 4))
                .deviceSeconds(seconds(used.deviceSeconds()))
                .wallSeconds(seconds(used.wallSeconds()))
                .imagesPerSecond(open.getSeconds() <= 0 ? null : ProgressTracker.round(open.getImages() / open.getSeconds(), 1))
                .time(now())
                .layers(distribution(alpha))
                .build());
        save();
    }

    /**
     * A checkpoint is about to be written: records it (named once written, see {@link #checkpointWritten}) and returns
     * the history as the checkpoint must hold it, the open epoch's sums up to now included.
     */
    byte[] checkpointing(int epoch, long step, Double validationAccuracy, Usage used) {
        foldTrainingTime();
        history.getCheckpoints().add(CheckpointEvent.builder().epoch(epoch).step(step)
                .validationAccuracy(validationAccuracy == null ? null : ProgressTracker.round(validationAccuracy, 4))
                .attempt(attempt).deviceSeconds(seconds(used.deviceSeconds())).time(now()).build());
        return HistoryFile.bytes(history);
    }

    void checkpointWritten(String name) throws IOException {
        history.getCheckpoints().get(history.getCheckpoints().size() - 1).setName(name);
        save();
    }

    void tested(TestEvaluation evaluation) throws IOException {
        history.setTest(evaluation);
        save();
    }

    byte[] bytes() {
        return HistoryFile.bytes(history);
    }

    private void save() throws IOException {
        HistoryFile.write(workDir, history);
    }

    /** Adds the training time since the last fold to the open epoch. */
    private void foldTrainingTime() {
        if (trainingSince >= 0) {
            long now = clock.millis();
            OpenEpoch open = openEpoch();
            open.setSeconds(open.getSeconds() + (now - trainingSince) / 1000.0);
            trainingSince = now;
        }
    }

    private OpenEpoch openEpoch() {
        if (history.getOpenEpoch() == null) {
            history.setOpenEpoch(OpenEpoch.builder().lossSum(0.0).steps(0L).images(0L).seconds(0.0).build());
        }
        return history.getOpenEpoch();
    }

    private static List<HistoryLayer> layers(ResolvedSearchSpace space) {
        List<HistoryLayer> layers = new ArrayList<>();
        for (ResolvedLayer layer : space.layers()) {
            layers.add(HistoryLayer.builder().layer(layer.index()).candidates(layer.candidates().stream().map(Candidate::wireName).toList()).build());
        }
        return layers;
    }

    private List<LayerAlpha> distribution(ArchitectureParameters alpha) {
        List<LayerAlpha> layers = new ArrayList<>();
        for (int i = 0; i < alpha.layerCount(); i++) {
            List<Double> p = Arrays.stream(alpha.probabilities(i)).map(HistoryRecorder::probability).boxed().toList();
            String choice = history.getLayers().get(i).getCandidates().get(alpha.choice(i));
            layers.add(LayerAlpha.builder().probabilities(p).choice(choice).fixed(alpha.isFixed(i)).build());
        }
        return layers;
    }

    private static double probability(double p) {
        return ProgressTracker.round(p, 4);
    }

    private static double seconds(double s) {
        return ProgressTracker.round(s, 1);
    }

    private String now() {
        return time(clock.instant());
    }

    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
