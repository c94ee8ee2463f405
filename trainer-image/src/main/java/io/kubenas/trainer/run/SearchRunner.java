package io.kubenas.trainer.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.api.v1alpha1.TenasStatus;
import io.kubenas.trainer.checkpoint.Checkpoint;
import io.kubenas.trainer.checkpoint.CheckpointMetadata;
import io.kubenas.trainer.checkpoint.CheckpointSchedule;
import io.kubenas.trainer.checkpoint.CheckpointStore;
import io.kubenas.trainer.data.Augmentation;
import io.kubenas.trainer.data.BatchLoader;
import io.kubenas.trainer.data.BatchStream;
import io.kubenas.trainer.data.DataPosition;
import io.kubenas.trainer.data.DatasetLoader;
import io.kubenas.trainer.data.DatasetSplits;
import io.kubenas.trainer.data.ImageBatch;
import io.kubenas.trainer.dsnas.ArchitectureParameters;
import io.kubenas.trainer.dsnas.ChildStep;
import io.kubenas.trainer.dsnas.DsnasSettings;
import io.kubenas.trainer.dsnas.EngineSetup;
import io.kubenas.trainer.dsnas.SearchState;
import io.kubenas.trainer.dsnas.SearchStep;
import io.kubenas.trainer.dsnas.WeightLearningRate;
import io.kubenas.trainer.searchspace.ChildNetwork;
import io.kubenas.trainer.searchspace.Supernet;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The DSNAS pipeline of one trainer process: the search phase (weights and architecture together), then the
 * optional child phase (the derived child keeps training from its inherited weights), then the export of the
 * child with its test accuracy. Resumes from the newest valid checkpoint, stops cleanly on SIGTERM, on the
 * target accuracy, on the budget, and on the step cap of quick runs.
 */
public final class SearchRunner {
    private static final Logger LOG = Logger.getLogger(SearchRunner.class);
    static final String CHILD_PARAMETERS = "child.params";
    static final String CHILD_STATE = "child-step.bin";

    private final SearchPlan plan;
    private final RunEnvironment env;
    /** The TE-NAS pruning behind the trained space, reported with every progress update (null for DSNAS). */
    private TenasStatus tenas;
    /** Device-seconds spent before this attempt's training: earlier attempts, and this attempt's pruning. */
    private double deviceSecondsBefore;

    public SearchRunner(SearchPlan plan, RunEnvironment env) {
        this.plan = plan;
        this.env = env;
    }

    public SearchOutcome run() throws IOException {
        EngineSetup.pytorch(plan.seed());
        List<Device> devices = chooseDevices(plan.gpus(), Engine.getInstance().getGpuCount());
        Device device = devices.get(0);
        DatasetSplits splits = new DatasetLoader(env.data()).load(plan.dataset(), plan.seed());
        ResolvedSearchSpace resolved = plan.space().input().classes() == InputShape.UNKNOWN_CLASSES
                ? plan.space().withClasses(splits.classNames().size()) : plan.space();
        // TE-NAS strategies train only what pruning kept; its seconds count against the budget like any other.
        PruningStage.Pruned pruned = PruningStage.prune(plan, resolved, splits, env);
        ResolvedSearchSpace space = pruned.space();
        tenas = pruned.status();
        deviceSecondsBefore = env.deviceSecondsUsedBefore() + pruned.secondsSpent() * plan.devices();
        // training.batchSize is per device: a step takes one shard of that size per device the spec asks for.
        // Sized from the spec, not from the GPUs found, so batches, steps per epoch and the schedule (and
        // with them a resumed run's data position) are the same whatever hardware an attempt lands on.
        int batchSize = plan.training().getBatchSize() * plan.devices();
        BatchLoader train = splits.trainingBatches(Augmentation.from(plan.dataset().getAugmentation()), batchSize, plan.seed());
        BatchLoader validation = splits.validationBatches(Math.max(batchSize, 256));
        int stepsPerEpoch = plan.training().getMaxStepsPerEpoch() == null ? train.batchesPerEpoch()
                : Math.min(train.batchesPerEpoch(), plan.training().getMaxStepsPerEpoch());
        LOG.infof("search %s: %s on %s, %d layers, %.0f architectures, %d train / %d validation / %d test images, %d steps per epoch",
                plan.name(), plan.strategy(), devices.size() == 1 ? device : devices + " (data parallel)", space.layers().size(), space.architectureCount(), splits.train().count(),
                splits.validation().count(), splits.test().count(), stepsPerEpoch);

        // One learning-rate schedule spans the search and the child phase: the child continues, it does not restart.
        long totalSteps = (long) plan.totalEpochs() * stepsPerEpoch;
        DsnasSettings base = DsnasSettings.from(plan.training(), stepsPerEpoch);
        DsnasSettings settings = new DsnasSettings(base.seed(), base.labelSmoothing(),
                new WeightLearningRate(base.weightLearningRate().peak(), base.weightLearningRate().warmupSteps(), totalSteps,
                        base.weightLearningRate().schedule()),
                base.momentum(), base.weightDecay(), base.architectureLearningRate(), base.beta1(), base.beta2(),
                base.architectureWarmupSteps(), base.earlyFixThreshold(), base.flopsTerm());

        CheckpointStore checkpoints = CheckpointStore.inWorkDir(env.workDir(), plan.checkpoint().getKeep());
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Supernet supernet = Supernet.create(space, manager);
            ArchitectureParameters alpha = ArchitectureParameters.initial(space, plan.seed());
            try (SearchStep search = new SearchStep(supernet, alpha, settings, manager, devices)) {
                Loop loop = new Loop(space, splits, train, validation, stepsPerEpoch, checkpoints, search, manager, totalSteps);
                return loop.run();
            }
        }
    }

    /**
     * The devices a batch is split over: the first {@code gpusAsked} GPUs (data parallel when more than
     * one), as many as the engine sees; the CPU when the spec asks for none or none is visible.
     */
    static List<Device> chooseDevices(int gpusAsked, int gpusSeen) {
        if (gpusAsked <= 0) {
            return List.of(Device.cpu());
        }
        if (gpusSeen <= 0) {
            LOG.warnf("the spec asks for %d GPU(s) but the engine sees none: training on the CPU", gpusAsked);
            return List.of(Device.cpu());
        }
        if (gpusSeen < gpusAsked) {
            LOG.warnf("the spec asks for %d GPUs but the engine sees %d: training on %d", gpusAsked, gpusSeen, gpusSeen);
        }
        List<Device> gpus = new ArrayList<>();
        for (int i = 0; i < Math.min(gpusAsked, gpusSeen); i++) {
            gpus.add(Device.gpu(i));
        }
        return List.copyOf(gpus);
    }

    /** The state of one run of the loop. */
    private final class Loop {
        private final ResolvedSearchSpace space;
        private final DatasetSplits splits;
        private final BatchLoader train;
        private final BatchLoader validation;
        private final int stepsPerEpoch;
        private final CheckpointStore checkpoints;
        private final SearchStep search;
        private final NDManager manager;
        private final ProgressTracker tracker;
        private final CheckpointSchedule schedule;
        private DeviceBudget budget;
        /** The spec's target and wall-clock limit, as edited while the search runs ({@link SpecEdits}). */
        private SpecEdits limits = SpecEdits.of(plan);
        private RunState state;
        private ChildNetwork child;
        private ChildStep childStep;
        private long stepsThisRun;
        /** The global step of the newest checkpoint this run wrote or resumed from (-1: none). */
        private long checkpointedStep = -1;

        Loop(ResolvedSearchSpace space, DatasetSplits splits, BatchLoader train, BatchLoader validation, int stepsPerEpoch,
                CheckpointStore checkpoints, SearchStep search, NDManager manager, long totalSteps) {
            this.space = space;
            this.splits = splits;
            this.train = train;
            this.validation = validation;
            this.stepsPerEpoch = stepsPerEpoch;
            this.checkpoints = checkpoints;
            this.search = search;
            this.manager = manager;
            this.tracker = new ProgressTracker(env.clock(), env.attempt(), plan.totalEpochs(), totalSteps);
            this.schedule = CheckpointSchedule.from(plan.checkpoint(), env.clock().instant());
        }

        SearchOutcome run() throws IOException {
            state = RunState.start(deviceSecondsBefore);
            resume();
            budget = new DeviceBudget(env.clock(), plan.devices(), plan.budgetDeviceSeconds(), state.deviceSecondsUsed());
            report(true, TrainerOutcome.RUNNING);
            try {
                while (state.epoch() < plan.totalEpochs()) {
                    if (state.stage() == TrainerStage.SEARCHING && state.epoch() >= plan.searchEpochs()) {
                        startChildPhase();
                    }
                    if (state.batch() == 0 && state.stage() == TrainerStage.SEARCHING) {
                        List<Integer> fixed = search.fixDecidedLayers();
                        if (!fixed.isEmpty()) {
                            LOG.infof("epoch %d: early fixing decided layers %s", state.epoch() + 1, fixed);
                        }
                    }
                    Optional<TrainerOutcome> stopped = trainEpoch();
                    if (stopped.isPresent()) {
                        return end(stopped.get());
                    }
                    state = state.at(state.epoch() + 1, 0).evaluated(validate());
                    applySpecEdits();
                    LOG.infof("epoch %d/%d: validation accuracy %.4f (best %.4f), budget used %s", state.epoch(), plan.totalEpochs(),
                            state.lastAccuracy(), state.bestAccuracy(), budget.usedPercent());
                    if (limits.targetAccuracy() != null && state.lastAccuracy() >= limits.targetAccuracy()) {
                        return end(TrainerOutcome.TARGET_REACHED);
                    }
                    if (schedule.dueAtEpochEnd(state.epoch(), env.clock().instant())) {
                        checkpoint();
                    }
                    report(true, TrainerOutcome.RUNNING);
                }
                return end(TrainerOutcome.EPOCHS_COMPLETED);
            } finally {
                if (childStep != null) {
                    childStep.close();
                }
            }
        }

        /** Trains until the epoch ends; returns why it stopped early, if it did. */
        private Optional<TrainerOutcome> trainEpoch() throws IOException {
            DataPosition from = new DataPosition(state.epoch(), state.batch());
            try (BatchStream batches = train.stream(manager, from)) {
                while (batches.hasNext() && state.batch() < stepsPerEpoch) {
                    Optional<TrainerOutcome> stop = stopReason();
                    if (stop.isPresent()) {
                        return stop;
                    }
                    try (ImageBatch batch = batches.next()) {
                        double loss = childStep != null ? childStep.step(batch.images(), batch.labels())
                                : search.step(batch.images(), batch.labels()).loss();
                        tracker.stepDone(loss, batch.size());
                        stepsThisRun++;
                        state = state.at(state.epoch(), batch.position().next().batch());
                    }
                    if (schedule.dueByTime(env.clock().instant())) {
                        checkpoint();
                    }
                    report(false, TrainerOutcome.RUNNING);
                }
            }
            return Optional.empty();
        }

        private Optional<TrainerOutcome> stopReason() {
            if (env.stop().isRequested()) {
                return Optional.of(TrainerOutcome.STOPPED);
            }
            // maxDuration counts wall time over every attempt: device-seconds divided by the devices counted.
            if (budget.exhausted() || budget.used() / plan.devices() >= limits.maxDurationSeconds()) {
                return Optional.of(TrainerOutcome.BUDGET_EXHAUSTED);
            }
            if (plan.maxSteps() > 0 && stepsThisRun >= plan.maxSteps()) {
                return Optional.of(TrainerOutcome.EPOCHS_COMPLETED);
            }
            return Optional.empty();
        }

        /** Takes up edits of the target and the budget made while the search runs; the next checks use them. */
        private void applySpecEdits() {
            env.specEdits().read().filter(edited -> !edited.equals(limits)).ifPresent(edited -> {
                LOG.infof("spec edited while running: target %s -> %s, budget %.0f -> %.0f device-seconds, max duration %.0f -> %.0f s",
                        limits.targetAccuracy(), edited.targetAccuracy(), limits.budgetDeviceSeconds(), edited.budgetDeviceSeconds(),
                        limits.maxDurationSeconds(), edited.maxDurationSeconds());
                limits = edited;
                budget = budget.withLimit(edited.budgetDeviceSeconds());
            });
        }

        private void startChildPhase() {
            int[] path = search.architecture().derivedPath();
            LOG.infof("search phase done: child %s continues training from the supernet's weights", opsOf(path));
            state = state.inChildPhase(path);
            openChild(path);
            child.resetBatchNormStatistics();
        }

        private void openChild(int[] path) {
            child = ChildNetwork.inherit(search.supernet(), path, manager);
            childStep = ChildStep.continuing(child, search.settings(), search.stepCount(), manager, search.devices());
        }

        private double validate() {
            if (child != null) {
                return ChildAccuracy.of(child.network(), childStep.parameterStore(), validation, manager);
            }
            try (NDManager scope = manager.newSubManager()) {
                ChildNetwork derived = DerivedChild.of(search, train, scope);
                return ChildAccuracy.of(derived.network(), new ParameterStore(scope, false), validation, scope);
            }
        }

        private long globalStep() {
            return childStep != null ? childStep.stepCount() : search.stepCount();
        }

        private void resume() throws IOException {
            Optional<Checkpoint> latest = checkpoints.latestValid();
            if (latest.isEmpty()) {
                return;
            }
            Path dir = latest.get().dir();
            SearchState.read(search, dir);
            RunState saved = RunState.read(dir);
            state = saved.withDeviceSeconds(Math.max(saved.deviceSecondsUsed(), deviceSecondsBefore));
            if (state.stage() == TrainerStage.CHILD_TRAINING) {
                openChild(state.childPath());
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(CHILD_PARAMETERS))))) {
                    // In place: the child step's optimiser and parameter store hold these very arrays.
                    child.network().loadParametersInPlace(manager, in);
                } catch (ai.djl.MalformedModelException e) {
                    throw new IOException("child parameters in " + dir + " do not fit: " + e.getMessage(), e);
                }
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(CHILD_STATE))))) {
                    childStep.readState(in);
                }
            }
            checkpointedStep = globalStep();
            // "epochs done" rather than "in epoch N+1": a checkpoint written after the last epoch has no next one.
            LOG.infof("resumed from checkpoint %s: %d of %d epochs done and %d batches of the next, step %d, %.0f device-seconds used",
                    latest.get().name(), state.epoch(), plan.totalEpochs(), state.batch(), globalStep(), state.deviceSecondsUsed());
        }

        private void checkpoint() throws IOException {
            RunState saving = state.withDeviceSeconds(budget.used());
            Checkpoint written = checkpoints.save(new CheckpointMetadata(state.epoch(), globalStep(), state.lastAccuracy()), dir -> {
                SearchState.write(search, dir);
                saving.write(dir);
                if (childStep != null) {
                    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(CHILD_PARAMETERS))))) {
                        child.network().saveParameters(out);
                    }
                    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(CHILD_STATE))))) {
                        childStep.writeState(out);
                    }
                }
            });
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
            if (outcome == TrainerOutcome.STOPPED) {
                checkpointIfNew();
                TrainerProgress summary = snapshot(TrainerStage.SEARCHING, outcome, null);
                summary.setMessage("stopped on " + env.stop().reason() + " after a checkpoint; resumable");
                env.reporter().finish(summary);
                return new SearchOutcome(outcome, summary, null);
            }
            checkpointIfNew();
            report(true, TrainerOutcome.RUNNING, TrainerStage.EVALUATING);
            ChildExport export = ChildExport.of(plan, space, splits, search, child, train, manager);
            Path dir = export.writeTo(env.workDir());
            ChildStatus childStatus = export.status(dir, state.lastAccuracy());
            TrainerProgress summary = snapshot(TrainerStage.EXPORTED, outcome, childStatus);
            summary.setMessage(message(outcome, childStatus));
            env.reporter().finish(summary);
            LOG.infof("%s: child %s exported to %s (test accuracy %.4f)", outcome, childStatus.getOps(), dir, childStatus.getTestAccuracy());
            return new SearchOutcome(outcome, summary, dir);
        }

        private String message(TrainerOutcome outcome, ChildStatus childStatus) {
            return switch (outcome) {
                case TARGET_REACHED -> "target accuracy " + limits.targetAccuracy() + " reached";
                case BUDGET_EXHAUSTED -> "budget spent (" + budget.usedPercent() + "); the child so far was exported";
                default -> plan.maxSteps() > 0 && stepsThisRun >= plan.maxSteps() ? "stopped at --max-steps " + plan.maxSteps()
                        : "all " + plan.totalEpochs() + " epochs done";
            } + "; test accuracy " + childStatus.getTestAccuracy();
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
                    search.architecture().toStatus(space), budget, checkpoints.status(), childStatus);
            snapshot.setTenas(tenas);
            return snapshot;
        }

        private List<String> opsOf(int[] path) {
            return java.util.stream.IntStream.range(0, path.length)
                    .mapToObj(i -> space.layers().get(i).candidates().get(path[i]).wireName()).toList();
        }
    }
}
