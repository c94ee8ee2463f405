/**
 * DSNAS search steps (docs/algorithms.md §2). {@link io.kubenas.trainer.dsnas.SearchStep} does one
 * step on a batch: sample a path from {@link io.kubenas.trainer.dsnas.ArchitectureParameters} α
 * ({@link io.kubenas.trainer.dsnas.PathSampler}), forward and backward that path with unit gates,
 * {@link io.kubenas.trainer.dsnas.MomentumSgd} on the path's weights, and
 * {@link io.kubenas.trainer.dsnas.ArchitectureAdam} on α along
 * {@link io.kubenas.trainer.dsnas.DsnasEstimator}'s gradient. {@link io.kubenas.trainer.dsnas.EarlyFixing}
 * runs at epoch starts; {@link io.kubenas.trainer.dsnas.ChildStep} trains the derived child alone;
 * {@link io.kubenas.trainer.dsnas.SearchState} saves and restores everything a resumed run needs.
 *
 * <p>The epoch loop above it: per epoch, {@code fixDecidedLayers()}; per batch, {@code step(images, labels)};
 * at a checkpoint, {@code SearchState.write(step, dir)}; at the end,
 * {@code ChildNetwork.inherit(supernet, alpha.derivedPath(), manager)}.
 */
package io.kubenas.trainer.dsnas;
