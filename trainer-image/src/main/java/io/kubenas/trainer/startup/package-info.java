/**
 * How the process starts. One artifact, three programs, each a subcommand of
 * {@link io.kubenas.trainer.startup.KubenasCommand}:
 * <ul>
 *   <li>{@code kubenas search}: the search a trainer pod runs, in {@link io.kubenas.trainer.search}
 *       (entry {@link io.kubenas.trainer.search.SearchCommand});</li>
 *   <li>{@code kubenas serve}: the inference server of an exported child, in {@link io.kubenas.trainer.serve}
 *       (entry {@link io.kubenas.trainer.serve.ServeCommand});</li>
 *   <li>{@code kubenas run | evaluate | engine}: the local CLI, in {@link io.kubenas.trainer.cli}.</li>
 * </ul>
 * {@link io.kubenas.trainer.startup.KubenasMain} turns the command line's HTTP options into Quarkus
 * configuration ({@link io.kubenas.trainer.startup.HttpConfiguration}), boots Quarkus and runs the command.
 */
package io.kubenas.trainer.startup;
