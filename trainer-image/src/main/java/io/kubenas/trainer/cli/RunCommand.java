package io.kubenas.trainer.cli;

import io.kubenas.api.budget.Usage;
import io.kubenas.api.manifest.NasSearchManifests;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.progress.ProgressReporter;
import io.kubenas.trainer.progress.ProgressReporters;
import io.kubenas.trainer.search.GracefulStop;
import io.kubenas.trainer.search.RunEnvironment;
import io.kubenas.trainer.search.SearchOutcome;
import io.kubenas.trainer.search.SearchPlan;
import io.kubenas.trainer.search.SearchRunner;
import io.kubenas.trainer.searchspace.NetworkCost;
import io.kubenas.trainer.serve.ServeCommand;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code run MANIFEST.yaml}: the whole search on this machine, no cluster — the manifest is validated as an
 * API server would, progress is shown as a bar, checkpoints, the child and the search report go to the work dir,
 * and with {@code --serve} the child (and its report, at {@code /report}) is served on localhost at the end.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a NasSearch manifest locally: search with a progress bar, export the child, optionally serve it.")
public class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MANIFEST", description = "A NasSearch manifest (YAML or JSON).")
    Path manifest;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Checkpoints, progress.json, history.json, the child and report.html (default: .kubenas/<name>). An existing work dir is resumed.")
    Path workDir;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "Stop after N optimisation steps in this run and export the child (0: no cap).")
    long maxSteps;

    @Option(names = "--serve", description = "Serve the child on localhost when the search ends (KServe v2 API).")
    boolean serve;

    @Option(names = "--port", paramLabel = "N", description = "Port for --serve (default 8080).")
    Integer port;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Inject
    ServeCommand serveCommand;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return CliErrors.run("run", err, () -> {
            NasSearch search = NasSearchManifests.read(manifest);
            if (maxSteps < 0) {
                throw new IllegalArgumentException("--max-steps must be >= 0, got " + maxSteps);
            }
            SearchPlan plan = SearchPlan.from(search, maxSteps);
            Path dir = workDir != null ? workDir : Path.of(".kubenas", plan.name());
            GracefulStop stop = GracefulStop.onSignals(Duration.ofSeconds(60));
            try (ProgressReporter reporter = ProgressReporters.forLocalRun(dir, System.out, System.console() != null)) {
                RunEnvironment env = new RunEnvironment(dir, data.locations(Path.of("")), reporter, stop, Clock.systemUTC(), 1, Usage.NONE);
                SearchOutcome outcome = new SearchRunner(plan, env).run();
                // The search is over: from here a signal means "stop serving" (exit 0), not "checkpoint and exit 75".
                stop.restoreSignalHandlers();
                out.println();
                out.println("outcome:       " + outcome.outcome() + (outcome.summary().getMessage() == null ? "" : " (" + outcome.summary().getMessage() + ")"));
                if (outcome.report() != null) {
                    out.println("report:        " + outcome.report().toAbsolutePath());
                }
                if (outcome.childDir() == null) {
                    out.println("resume with:   the same command (work dir " + dir + ")");
                    out.flush();
                    return outcome.exitCode().code();
                }
                var child = outcome.summary().getChild();
                out.println("child:         " + outcome.childDir().toAbsolutePath());
                out.println("architecture:  " + String.join(" ", child.getOps()));
                out.println("parameters:    " + child.getParameters());
                out.println("FLOPs:         " + childFlops(outcome.childDir()) + " multiply-accumulates per image");
                out.println("test accuracy: " + child.getTestAccuracy());
                out.flush();
                if (serve && stop.isRequested()) {
                    out.println("not serving:   " + stop.reason() + " received as the search ended");
                    out.flush();
                } else if (serve) {
                    int code = serveCommand.serveChild(outcome.childDir(), plan.name());
                    if (code != 0) {
                        return code;
                    }
                    String base = "http://localhost:" + (port == null ? 8080 : port);
                    out.println("serving:       " + base + "/v2/models/" + plan.name() + " (Ctrl-C stops)");
                    out.println("served report: " + base + PodContract.REPORT_PATH);
                    out.flush();
                    // Until SIGINT/SIGTERM: Quarkus then finishes in-flight requests and the process exits with the code below.
                    Quarkus.waitForExit();
                }
                return outcome.exitCode().code();
            }
        });
    }

    /** The exported child's multiply-accumulates per image (its space has one candidate per layer). */
    private static long childFlops(Path childDir) throws InvalidChildException {
        ResolvedSearchSpace space = ChildDirectory.readArchitecture(childDir).childSpace();
        return NetworkCost.ofPath(space, new int[space.layers().size()]).flops();
    }
}
