/**
 * The search program: {@code kubenas search} in a trainer pod ({@link io.kubenas.trainer.search.SearchCommand}),
 * and the search behind the local {@code kubenas run}. {@link io.kubenas.trainer.search.SearchPlan} maps the
 * NasSearch to the trainer; {@link io.kubenas.trainer.search.SearchRunner} is the epoch loop, with
 * {@link io.kubenas.trainer.search.SearchSetup} (devices, data, TE-NAS pruning, settings) before it,
 * {@link io.kubenas.trainer.search.StopRules} deciding when it ends,
 * {@link io.kubenas.trainer.search.CheckpointPayload} for what a checkpoint holds and
 * {@link io.kubenas.trainer.search.ChildExport} for the child it leaves. The steps themselves are in
 * {@code dsnas}, {@code tenas}, {@code searchspace} and {@code devices}; the data in {@code data}; checkpoints in
 * {@code checkpoint}; progress reports in {@code progress}.
 */
package io.kubenas.trainer.search;
