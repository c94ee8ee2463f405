package io.kubenas.trainer.search;

import io.kubenas.api.budget.ComputeBudget;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.space.SearchSpaceResolver;
import io.kubenas.api.v1alpha1.ArchitectureOptimizerSpec;
import io.kubenas.api.v1alpha1.CheckpointSpec;
import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.Strategy;
import io.kubenas.api.v1alpha1.TenasSpec;
import io.kubenas.api.v1alpha1.TrainingSpec;
import io.kubenas.api.v1alpha1.WeightOptimizerSpec;
import io.kubenas.api.validation.NasSearchValidator;

/**
 * Everything the trainer needs from a (defaulted, validated) NasSearch, in one place: the only mapping from
 * the API to the trainer. Run options of the command line (a step cap for quick runs) are folded in here too.
 *
 * @param name the NasSearch name (used for the model name and the progress ConfigMap)
 * @param namespace its namespace, or null for local runs
 * @param strategy DSNAS, TENAS or TENAS_DSNAS
 * @param dataset where the images come from
 * @param space the resolved search space (classes unknown until an image folder is read)
 * @param training epochs, batch size, optimisers, seed
 * @param weightOptimizer SGD settings
 * @param architectureOptimizer Adam settings for the architecture logits
 * @param tenas TE-NAS settings
 * @param targetAccuracy stop when the child reaches it on validation data; null for none
 * @param budget the compute budget (device-seconds, the wall-clock limit, the devices it counts)
 * @param gpus GPUs the spec asks for (0: CPU)
 * @param checkpoint checkpoint interval and retention
 * @param maxSteps cap on optimisation steps of this run (search + child), or 0 for none
 */
public record SearchPlan(String name, String namespace, Strategy strategy, DatasetSpec dataset, ResolvedSearchSpace space,
        TrainingSpec training, WeightOptimizerSpec weightOptimizer, ArchitectureOptimizerSpec architectureOptimizer,
        TenasSpec tenas, Double targetAccuracy, ComputeBudget budget, int gpus,
        CheckpointSpec checkpoint, long maxSteps) {

    public static SearchPlan from(NasSearch search, long maxSteps) {
        NasSearchSpec spec = search.getSpec();
        ResolvedSearchSpace space = SearchSpaceResolver.resolve(spec.getSearchSpace(), NasSearchValidator.inputShape(spec.getDataset()));
        int gpus = spec.getResources() == null || spec.getResources().getGpus() == null ? 0 : spec.getResources().getGpus();
        return new SearchPlan(
                search.getMetadata().getName(),
                search.getMetadata().getNamespace(),
                spec.getStrategy(),
                spec.getDataset(),
                space,
                spec.getTraining(),
                spec.getTraining().getWeightOptimizer(),
                spec.getTraining().getArchitectureOptimizer(),
                spec.getTenas(),
                spec.getTarget() == null ? null : spec.getTarget().getAccuracy(),
                ComputeBudget.of(spec),
                gpus,
                spec.getCheckpoint(),
                maxSteps);
    }

    /** Devices one trainer pod counts for, and shards a step over: its GPUs, or 1 on CPU. */
    public int devices() {
        return budget.devices();
    }

    public int searchEpochs() {
        return training.getEpochs();
    }

    public int childEpochs() {
        return training.getChildEpochs() == null ? 0 : training.getChildEpochs();
    }

    public int totalEpochs() {
        return searchEpochs() + childEpochs();
    }

    public long seed() {
        return training.getSeed();
    }
}
