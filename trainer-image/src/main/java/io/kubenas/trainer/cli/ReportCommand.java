package io.kubenas.trainer.cli;

import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerExitCode;
import io.kubenas.trainer.report.SearchReportFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report --workdir DIR}: the search report of a work dir (a local run's, or a checkpoint volume's copied out) as
 * one HTML file that needs no network to view. Works while a search runs or after it stopped: what is not there yet
 * (the child) is said so in the page.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the search report of a work dir: one self-contained HTML file with the architecture distribution over epochs,"
                + " accuracy against device-hours, loss, the child's diagram and confusion matrix, TE-NAS rounds and the checkpoint timeline.")
public class ReportCommand implements Callable<Integer> {
    @Option(names = "--workdir", required = true, paramLabel = "DIR",
            description = "The search's work dir (e.g. .kubenas/<name>, or the checkpoint volume): it holds " + PodContract.HISTORY_FILE + ".")
    Path workDir;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (default: DIR/" + PodContract.REPORT_FILE + ").")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(workDir)) {
            err.println("report: --workdir " + workDir + " is not a directory");
            err.flush();
            return TrainerExitCode.INVALID_INPUT.code();
        }
        return CliErrors.run("report", err, () -> {
            Path written = SearchReportFile.write(workDir, out != null ? out : workDir.resolve(PodContract.REPORT_FILE));
            stdout.println("report: " + written.toAbsolutePath());
            stdout.flush();
            return 0;
        });
    }
}
