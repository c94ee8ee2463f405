package io.kubenas.trainer.search;

import io.kubenas.api.budget.Usage;
import ai.djl.Device;
import ai.djl.engine.Engine;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.TenasStatus;
import io.kubenas.trainer.data.Augmentation;
import io.kubenas.trainer.data.BatchLoader;
import io.kubenas.trainer.data.DatasetLoader;
import io.kubenas.trainer.data.DatasetSplits;
import io.kubenas.trainer.dsnas.DsnasSettings;
import io.kubenas.trainer.dsnas.EngineSetup;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a search trains on, decided before its first step: the devices, the data, the space (pruned first by
 * the TE-NAS strategies) and the optimisers' settings.
 *
 * @param tenas the TE-NAS pruning behind {@code space}, reported with every progress update (null for DSNAS)
 * @param usedBefore budget spent before this attempt's training: earlier attempts, and this attempt's pruning
 * @param totalSteps steps of the search and the child phase together (the learning-rate schedule spans both)
 */
record SearchSetup(List<Device> devices, DatasetSplits splits, ResolvedSearchSpace space, TenasStatus tenas, Usage usedBefore,
        BatchLoader train, BatchLoader validation, int stepsPerEpoch, long totalSteps, DsnasSettings settings) {
    private static final Logger LOG = Logger.getLogger(SearchSetup.class);

    static SearchSetup prepare(SearchPlan plan, RunEnvironment env) throws IOException {
        EngineSetup.pytorch(plan.seed());
        List<Device> devices = DeviceChoice.of(plan.gpus(), Engine.getInstance().getGpuCount());
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
                (long) plan.totalEpochs() * stepsPerEpoch, DsnasSettings.from(plan.training(), stepsPerEpoch));
    }

    /** Where the networks live: the first device (the others hold replicas while a step runs). */
    Device device() {
        return devices.get(0);
    }
}
