package io.kubenas.trainer.search;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.trainer.checkpoint.Checkpoint;
import io.kubenas.trainer.checkpoint.CheckpointMetadata;
import io.kubenas.trainer.checkpoint.CheckpointSchedule;
import io.kubenas.trainer.checkpoint.CheckpointStore;
import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.data.BatchStream;
import io.kubenas.trainer.data.DataPosition;
import io.kubenas.trainer.data.ImageBatch;
import io.kubenas.trainer.dsnas.ArchitectureParameters;
import io.kubenas.trainer.dsnas.ChildStep;
import io.kubenas.trainer.dsnas.SearchStep;
import io.kubenas.trainer.report.SearchReportFile;
import io.kubenas.trainer.searchspace.ChildNetwork;
import io.kubenas.trainer.searchspace.Supernet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * The DSNAS pipeline of one trainer process, as an epoch loop: the search phase (weights and architecture
 * together), then the optional child phase (the derived child keeps training from its inherited weights), then
 * the export of the child with its test accuracy. Resumes from the newest valid checkpoint
 * ({@link CheckpointPayload}) and ends early by the {@link StopRules}. The {@link HistoryRecorder} keeps the search
 * history, and the search report is written from it at the end. One instance runs once.
 */
public final class SearchRunner {
    private static final Logger LOG = Logger.getLogger(SearchRunner.class);

    private final SearchPlan plan;
    private final RunEnvironment env;
    private SearchSetup setup;
    private CheckpointStore checkpoints;
    private NDManager manager;
    private SearchStep search;
    private ProgressTracker tracker;
    private HistoryRecorder history;
    private CheckpointSchedule schedule;
    private StopRules stopRules;
    private RunState state;
    /** The child phase's step (it holds the child network); null during the search phase. */
    private ChildStep childStep;
    /** The global step of the newest checkpoint this run wrote or resumed from (-1: none). */
    private long checkpointedStep = -1;

    public SearchRunner(SearchPlan plan, RunEnvironment env) {
        this.plan = plan;
        this.env = env;
    }

    public SearchOutcome run() throws IOException {
        Instant started = env.clock().instant();
        setup = SearchSetup.prepare(plan, env);
        checkpoints = CheckpointStore.inWorkDir(env.workDir(), plan.checkpoint().getKeep());
        try (NDManager runManager = NDManager.newBaseManager(setup.device())) {
            manager = runManager;
            Supernet supernet = Supernet.create(setup.space(), manager);
            ArchitectureParameters alpha = ArchitectureParameters.initial(setup.space(), plan.seed());
            try (SearchStep searchStep = new SearchStep(supernet, alpha, setup.settings(), manager, setup.devices())) {
                search = searchStep;
                tracker = new ProgressTracker(env.clock(), env.attempt(), plan.totalEpochs(), setup.totalSteps());
                schedule = CheckpointSchedule.from(plan.checkpoint(), env.clock().instant());
                try {
                    return epochs(started);
                } finally {
                    if (childStep != null) {
                        childStep.close();
                    }
                }
            }
        }
    }

    private SearchOutcome epochs(Instant started) throws IOException {
        state = RunState.start(setup.usedBefore());
        startHistory(resume(), started);
        stopRules = new StopRules(plan, env, state.usage());
        report(true, TrainerOutcome.RUNNING);
        while (state.epoch() < plan.totalEpochs()) {
            if (state.stage() == TrainerStage.SEARCHING && state.epoch() >= plan.searchEpochs()) {
                startChildPhase();
            }
            if (state.batch() == 0 && state.stage() == TrainerStage.SEARCHING) {
                List<Integer> fixed = search.fixDecidedLayers();
                if (!fixed.isEmpty()) {
                    LOG.infof("epoch %d: early fixing decided layers %s", state.epoch() + 1, fixed);
                    history.layersFixed(fixed, search.architecture(), setup.space(), state.epoch() + 1);
                }
            }
            Optional<TrainerOutcome> stopped = trainEpoch();
            if (stopped.isPresent()) {
                return end(stopped.get());
            }
            state = state.at(state.epoch() + 1, 0).evaluated(validate());
            stopRules.applySpecEdits();
            history.epochEnded(state, globalStep(), search.architecture(), stopRules.budget().used(), stopRules.targetAccuracy(),
                    stopRules.budget().budget().limitDeviceSeconds());
            LOG.infof("epoch %d/%d: validation accuracy %.4f (best %.4f), budget used %s", state.epoch(), plan.totalEpochs(),
                    state.lastAccuracy(), state.bestAccuracy(), stopRules.budget().usedPercent());
            if (stopRules.targetReached(state.lastAccuracy())) {
                return end(TrainerOutcome.TARGET_REACHED);
            }
            if (schedule.dueAtEpochEnd(state.epoch(), env.clock().instant())) {
                checkpoint();
            }
            report(true, TrainerOutcome.RUNNING);
        }
        return end(TrainerOutcome.EPOCHS_COMPLETED);
    }

    /** Trains until the epoch ends; returns why it stopped early, if it did. */
    private Optional<TrainerOutcome> trainEpoch() throws IOException {
        DataPosition from = new DataPosition(state.epoch(), state.batch());
        history.trainingStarted();
        try (BatchStream batches = setup.train().stream(manager, from)) {
            while (batches.hasNext() && state.batch() < setup.stepsPerEpoch()) {
                Optional<TrainerOutcome> stop = stopRules.beforeStep();
                if (stop.isPresent()) {
                    return stop;
                }
                try (ImageBatch batch = batches.next()) {
                    double loss = childStep != null ? childStep.step(batch.images(), batch.labels())
                            : search.step(batch.images(), batch.labels()).loss();
                    tracker.stepDone(loss, batch.size());
                    history.stepDone(loss, batch.size());
                    stopRules.stepDone();
                    state = state.at(state.epoch(), batch.position().next().batch());
                }
                if (schedule.dueByTime(env.clock().instant())) {
                    checkpoint();
                }
                report(false, TrainerOutcome.RUNNING);
            }
        } finally {
            history.trainingStopped();
        }
        return Optional.empty();
    }

    private void startChildPhase() throws IOException {
        int[] path = search.architecture().derivedPath();
        LOG.infof("search phase done: child %s continues training from the supernet's weights", opsOf(path));
        state = state.inChildPhase(path);
        history.stageChanged(TrainerStage.CHILD_TRAINING, state.epoch(), globalStep(), stopRules.budget().used());
        openChild(path);
        childStep.child().resetBatchNormStatistics();
    }

    private void openChild(int[] path) {
        ChildNetwork child = ChildNetwork.inherit(search.supernet(), path, manager);
        childStep = ChildStep.continuing(child, search.settings(), search.stepCount(), manager, search.devices());
    }

    private double validate() {
        if (childStep != null) {
            return ChildAccuracy.of(childStep.child().network(), childStep.parameterStore(), setup.validation(), manager);
        }
        try (NDManager scope = manager.newSubManager()) {
            ChildNetwork derived = DerivedChild.of(search, setup.train(), scope);
            return ChildAccuracy.of(derived.network(), new ParameterStore(scope, false), setup.validation(), scope);
        }
    }

    private long globalStep() {
        return childStep != null ? childStep.stepCount() : search.stepCount();
    }

    /** Puts the newest valid checkpoint's state into the loop, when there is one; returns it. */
    private Optional<Checkpoint> resume() throws IOException {
        Optional<Checkpoint> latest = checkpoints.latestValid();
        if (latest.isEmpty()) {
            return latest;
        }
        Path dir = latest.get().dir();
        RunState saved = CheckpointPayload.restore(dir, search);
        state = saved.withUsage(saved.usage().atLeast(setup.usedBefore()));
        if (state.stage() == TrainerStage.CHILD_TRAINING) {
            openChild(state.childPath());
            CheckpointPayload.restoreChild(dir, childStep, manager);
        }
        checkpointedStep = globalStep();
        // "epochs done" rather than "in epoch N+1": a checkpoint written after the last epoch has no next one.
        LOG.infof("resumed from checkpoint %s: %d of %d epochs done and %d batches of the next, step %d, %.0f device-seconds used",
                latest.get().name(), state.epoch(), plan.totalEpochs(), state.batch(), globalStep(), state.deviceSecondsUsed());
        return latest;
    }

    /**
     * The history this attempt continues: the checkpoint's when it resumed from one, else a new one (an attempt that
     * found no checkpoint redoes everything, so what an earlier one recorded does not count).
     */
    private void startHistory(Optional<Checkpoint> resumedFrom, Instant started) throws IOException {
        if (resumedFrom.isPresent()) {
            history = HistoryRecorder.resumed(resumedFrom.get().dir(), resumedFrom.get().name(), plan, setup, env);
            history.attemptStarted(resumedFrom.get().name(), started, state.epoch(), globalStep(), state.usage());
            return;
        }
        history = HistoryRecorder.fresh(plan, setup, env);
        history.attemptStarted(null, started, 0, 0, env.usedBefore());
        if (setup.pruningSeconds() > 0) {
            history.stageChanged(TrainerStage.PRUNING, started, 0, 0, env.usedBefore());
        }
        history.stageChanged(TrainerStage.SEARCHING, 0, 0, setup.usedBefore());
    }

    private void checkpoint() throws IOException {
        RunState saving = state.withUsage(stopRules.budget().used());
        byte[] historyNow = history.checkpointing(state.epoch(), globalStep(), state.lastAccuracy(), saving.usage());
        Checkpoint written = checkpoints.save(new CheckpointMetadata(state.epoch(), globalStep(), state.lastAccuracy()),
                CheckpointPayload.of(search, saving, historyNow, childStep));
        history.checkpointWritten(written.name());
        schedule.written(env.clock().instant());
        checkpointedStep = globalStep();
        LOG.debugf("checkpoint %s written", written.name());
        report(true, TrainerOutcome.RUNNING);
    }

    /** A checkpoint of the state as it is now, unless the newest one already holds exactly this state. */
    private void checkpointIfNew() throws IOException {
        if (checkpointedStep != globalStep()) {
            checkpoint();
        }
    }

    private SearchOutcome end(TrainerOutcome outcome) throws IOException {
        checkpointIfNew();
        if (outcome == TrainerOutcome.STOPPED) {
            TrainerProgress summary = snapshot(TrainerStage.SEARCHING, outcome, null);
            summary.setMessage("stopped on " + env.stop().reason() + " after a checkpoint; resumable");
            env.reporter().finish(summary);
            return new SearchOutcome(outcome, summary, null, writeReport());
        }
        report(true, TrainerOutcome.RUNNING, TrainerStage.EVALUATING);
        history.stageChanged(TrainerStage.EVALUATING, state.epoch(), globalStep(), stopRules.budget().used());
        ChildExport export = ChildExport.of(plan, setup, search, childStep == null ? null : childStep.child(), manager);
        history.tested(export.evaluate(env.clock().instant()));
        history.stageChanged(TrainerStage.EXPORTED, state.epoch(), globalStep(), stopRules.budget().used());
        Path dir = export.writeTo(env.workDir(), history.bytes());
        ChildStatus childStatus = export.status(state.lastAccuracy());
        childStatus.setConfigMaps(env.childPublisher().publish(dir, childStatus.getSha256()));
        TrainerProgress summary = snapshot(TrainerStage.EXPORTED, outcome, childStatus);
        summary.setMessage(stopRules.why(outcome) + "; test accuracy " + childStatus.getTestAccuracy());
        env.reporter().finish(summary);
        LOG.infof("%s: child %s exported to %s (test accuracy %.4f)", outcome, childStatus.getOps(), dir, childStatus.getTestAccuracy());
        return new SearchOutcome(outcome, summary, dir, writeReport());
    }

    /**
     * The search report, from the history in the work dir, or null when it cannot be written: the search's own
     * result (its checkpoint and child) stands either way, and {@code kubenas report} can write it later.
     */
    private Path writeReport() {
        try {
            Path file = SearchReportFile.writeFor(env.workDir());
            LOG.infof("search report written to %s", file);
            return file;
        } catch (IOException | InvalidChildException | RuntimeException e) {
            LOG.warnf(e, "could not write the search report into %s", env.workDir());
            return null;
        }
    }

    private void report(boolean now, TrainerOutcome outcome) throws IOException {
        report(now, outcome, state.stage());
    }

    private void report(boolean now, TrainerOutcome outcome, TrainerStage stage) throws IOException {
        TrainerProgress progress = snapshot(stage, outcome, null);
        if (now) {
            env.reporter().reportNow(progress);
        } else {
            env.reporter().report(progress);
        }
    }

    private TrainerProgress snapshot(TrainerStage stage, TrainerOutcome outcome, ChildStatus childStatus) throws IOException {
        TrainerProgress snapshot = tracker.snapshot(stage, outcome, state.epoch(), globalStep(), state,
                search.architecture().toStatus(setup.space()), stopRules.budget(), checkpoints.status(), childStatus);
        snapshot.setTenas(setup.tenas());
        return snapshot;
    }

    private List<String> opsOf(int[] path) {
        return IntStream.range(0, path.length).mapToObj(i -> setup.space().layers().get(i).candidates().get(path[i]).wireName()).toList();
    }
}
