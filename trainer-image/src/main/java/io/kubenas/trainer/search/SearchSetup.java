package io.kubenas.trainer.search;

import io.kubenas.api.budget.Usage;
import ai.djl.Device;
import ai.djl.engine.EngineException;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.TenasStatus;
import io.kubenas.trainer.data.Augmentation;
import io.kubenas.trainer.data.BatchLoader;
import io.kubenas.trainer.data.DatasetLoader;
import io.kubenas.trainer.data.DatasetSplits;
import io.kubenas.trainer.devices.VisibleGpus;
import io.kubenas.trainer.dsnas.DsnasSettings;
import io.kubenas.trainer.dsnas.EngineSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a search trains on, decided before its first step: the devices, the data, the space (pruned first by
 * the TE-NAS strategies) and the optimisers' settings.
 *
 * @param tenas the TE-NAS pruning behind {@code space}, reported with every progress update (null for DSNAS)
 * @param usedBefore budget spent before this attempt's training: earlier attempts, and this attempt's pruning
 * @param totalSteps steps of the search and the child phase together (the learning-rate schedule spans both)
 * @param pruningSeconds wall seconds this attempt spent pruning (0 when it did not prune, or read an earlier attempt's result)
 */
record SearchSetup(List<Device> devices, DatasetSplits splits, ResolvedSearchSpace space, TenasStatus tenas, Usage usedBefore,
        BatchLoader train, BatchLoader validation, int stepsPerEpoch, long totalSteps, DsnasSettings settings, double pruningSeconds) {
    private static final Logger LOG = Logger.getLogger(SearchSetup.class);
    /** Where the NVIDIA container runtime mounts a container's GPUs ({@code nvidia0}, ...). */
    private static final Path DEVICES = Path.of("/dev");

    static SearchSetup prepare(SearchPlan plan, RunEnvironment env) throws IOException {
        // First, before any data is read or a step is taken: a pod that cannot use the GPUs it holds stops here.
        List<Device> devices = DeviceChoice.of(plan.gpus(), visibleGpus(plan, env), env.missingGpus());
        DatasetSplits splits = new DatasetLoader(env.data()).load(plan.dataset(), plan.seed());
        ResolvedSearchSpace resolved = plan.space().input().classes() == InputShape.UNKNOWN_CLASSES
                ? plan.space().withClasses(splits.classNames().size()) : plan.space();
        // TE-NAS strategies train only what pruning kept; its seconds count against the budget like any other.
        PruningStage.Pruned pruned = PruningStage.prune(plan, resolved, splits, env);
        ResolvedSearchSpace space = pruned.space();
        Usage usedBefore = env.usedBefore().after(pruned.secondsSpent(), plan.devices());
        // training.batchSize is per device: a step takes one shard of that size per device the spec asks for.
        // Sized from the spec, not from the GPUs found, so batches, steps per epoch and the schedule (and
        // with them a resumed run's data position) are the same whatever hardware an attempt lands on.
        int batchSize = plan.training().getBatchSize() * plan.devices();
        BatchLoader train = splits.trainingBatches(Augmentation.from(plan.dataset().getAugmentation()), batchSize, plan.seed());
        BatchLoader validation = splits.validationBatches(Math.max(batchSize, 256));
        int stepsPerEpoch = plan.training().getMaxStepsPerEpoch() == null ? train.batchesPerEpoch()
                : Math.min(train.batchesPerEpoch(), plan.training().getMaxStepsPerEpoch());
        LOG.infof("search %s: %s on %s, %d layers, %.0f architectures, %d train / %d validation / %d test images, %d steps per epoch",
                plan.name(), plan.strategy(), devices.size() == 1 ? devices.get(0) : devices + " (data parallel)", space.layers().size(),
                space.architectureCount(), splits.train().count(), splits.validation().count(), splits.test().count(), stepsPerEpoch);
        return new SearchSetup(devices, splits, space, pruned.status(), usedBefore, train, validation, stepsPerEpoch,
                (long) plan.totalEpochs() * stepsPerEpoch, DsnasSettings.from(plan.training(), stepsPerEpoch), pruned.secondsSpent());
    }

    /**
     * The engine, loaded and seeded, and the GPUs it sees. A CUDA libtorch that cannot load because the container
     * has no NVIDIA driver sees none, when the spec asks for GPUs; any other load failure is a failure.
     */
    private static VisibleGpus visibleGpus(SearchPlan plan, RunEnvironment env) {
        try {
            return VisibleGpus.of(EngineSetup.pytorch(plan.seed()), System.getenv(), DEVICES);
        } catch (EngineException e) {
            if (plan.gpus() > 0 && env.missingGpus() == MissingGpus.FAIL && VisibleGpus.driverMissing(e)) {
                return VisibleGpus.notLoaded(rootMessage(e), System.getenv(), DEVICES);
            }
            throw e;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Where the networks live: the first device (the others hold replicas while a step runs). */
    Device device() {
        return devices.get(0);
    }
}
