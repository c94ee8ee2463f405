/**
 * The DSNAS search space on DJL (docs/algorithms.md §1): ShuffleNetV2 choice units
 * ({@link io.kubenas.trainer.searchspace.ChoiceUnit}: shuffle3x3/5x5/7x7 and xception, each with its own
 * BatchNorms), a {@link io.kubenas.trainer.searchspace.Supernet} built from a
 * {@link io.kubenas.api.space.ResolvedSearchSpace} that runs one sampled path (or the mean of active
 * candidates, for TE-NAS), the {@link io.kubenas.trainer.searchspace.ChildNetwork} that inherits the
 * supernet's weights of one path, and {@link io.kubenas.trainer.searchspace.NetworkCost} (parameters and
 * FLOPs per candidate).
 *
 * <p>The blocks are DJL {@code Block}s, so {@code saveParameters}/{@code loadParameters} work on them;
 * inside, they call each other directly rather than through {@code Block.forward}, whose training-mode
 * initialisation check walks the whole parameter tree at every nesting level.
 */
package io.kubenas.trainer.searchspace;
