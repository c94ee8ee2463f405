package io.kubenas.trainer.startup;

import io.kubenas.trainer.cli.EngineCommand;
import io.kubenas.trainer.cli.EvaluateCommand;
import io.kubenas.trainer.cli.ReportCommand;
import io.kubenas.trainer.cli.RunCommand;
import io.kubenas.trainer.search.SearchCommand;
import io.kubenas.trainer.serve.ServeCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/**
 * The trainer image's command line: one artifact searches (in a pod or locally), evaluates and serves.
 * Subcommands are the entry points; each calls the same code the tests call.
 */
@TopCommand
@Command(name = "kubenas", mixinStandardHelpOptions = true, versionProvider = KubenasVersion.class,
        description = "Neural Architecture Search (DSNAS, TE-NAS) on DJL: search, evaluate and serve child networks, report on searches.",
        subcommands = {RunCommand.class, SearchCommand.class, EvaluateCommand.class, ServeCommand.class, ReportCommand.class, EngineCommand.class})
public class KubenasCommand {
}
