/**
 * The local CLI: {@code kubenas run MANIFEST} (a whole search on this machine, optionally serving the child at
 * the end), {@code kubenas evaluate} (a child's accuracy) and {@code kubenas engine} (the devices PyTorch sees);
 * plus what every command shares ({@link io.kubenas.trainer.cli.CliErrors}, {@link io.kubenas.trainer.cli.DataOptions}).
 */
package io.kubenas.trainer.cli;
