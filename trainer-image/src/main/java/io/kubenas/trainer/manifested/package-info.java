/**
 * Directories written atomically and durably with a sha256 manifest ({@link io.kubenas.trainer.manifested.ManifestedDirectory}):
 * the format of checkpoints and of the exported child.
 */
package io.kubenas.trainer.manifested;
