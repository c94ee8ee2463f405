package io.kubenas.trainer.search;

import io.kubenas.api.manifest.NasSearchManifests;
import io.kubenas.api.budget.Usage;
import io.kubenas.api.progress.PodContract;
import io.kubenas.trainer.cli.CliErrors;
import io.kubenas.trainer.cli.DataOptions;
import io.kubenas.trainer.devices.GpusNotVisibleException;
import io.kubenas.trainer.child.ChildPublisher;
import io.kubenas.trainer.child.ConfigMapChildPublisher;
import io.kubenas.trainer.progress.ProgressConfigMapReporter;
import io.kubenas.trainer.progress.ProgressReporter;
import io.kubenas.trainer.progress.ProgressReporters;
import io.kubenas.trainer.progress.TerminationMessageReporter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code search}: what a trainer pod runs. Reads the NasSearch the operator mounted, resumes from the newest
 * valid checkpoint on the volume, pushes progress into the search's ConfigMap, and exits with a code from
 * {@link io.kubenas.api.progress.TrainerExitCode}.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Run (or resume) a search in a trainer pod: the spec file the operator mounts, the checkpoint volume as work dir.")
public class SearchCommand implements Callable<Integer> {
    /** Where the operator mounts the dataset volume of imageFolder and cifar10 searches. */
    static final Path DATASET_MOUNT = Path.of(PodContract.DATASET_MOUNT);

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The NasSearch as JSON or YAML (" + PodContract.SPEC_KEY + ").")
    Path specFile;

    @Option(names = "--workdir", required = true, paramLabel = "DIR", description = "The checkpoint volume.")
    Path workDir;

    @Option(names = "--grace-period", paramLabel = "SECONDS", defaultValue = "110",
            description = "After SIGTERM, the longest the final checkpoint may take before the process halts (default ${DEFAULT-VALUE}).")
    long graceSeconds;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0", description = "Stop after N steps and export the child (0: no cap).")
    long maxSteps;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    /**
     * In a pod the operator names where the child is published ({@link PodContract#ENV_CHILD_CONFIGMAPS}); a search
     * run by hand, without that, leaves it in the work dir only.
     */
    private static ChildPublisher childPublisher(String search, Map<String, String> environment) {
        String prefix = environment.get(PodContract.ENV_CHILD_CONFIGMAPS);
        String namespace = environment.get(PodContract.ENV_NAMESPACE);
        String uid = environment.get(PodContract.ENV_SEARCH_UID);
        if (prefix == null || prefix.isBlank() || namespace == null || namespace.isBlank() || uid == null || uid.isBlank()) {
            return ChildPublisher.NONE;
        }
        return new ConfigMapChildPublisher(() -> ProgressConfigMapReporter.newClient(null), namespace, prefix, search, uid);
    }

    @Override
    public Integer call() {
        return CliErrors.run("search", spec.commandLine().getErr(), () -> {
            SearchPlan plan = SearchPlan.from(NasSearchManifests.read(specFile), maxSteps);
            Map<String, String> environment = System.getenv();
            int attempt = Integer.parseInt(environment.getOrDefault(PodContract.ENV_ATTEMPT, "1"));
            Usage usedBefore = new Usage(Double.parseDouble(environment.getOrDefault(PodContract.ENV_DEVICE_SECONDS_USED, "0")),
                    Double.parseDouble(environment.getOrDefault(PodContract.ENV_WALL_SECONDS_USED, "0")));
            GracefulStop stop = GracefulStop.onSignals(Duration.ofSeconds(graceSeconds));
            try (ProgressReporter reporter = ProgressReporters.forPod(workDir, environment)) {
                RunEnvironment env = new RunEnvironment(workDir, data.locations(DATASET_MOUNT), reporter, stop, Clock.systemUTC(),
                        attempt, usedBefore, SpecEdits.fromFile(specFile), MissingGpus.FAIL, childPublisher(plan.name(), environment));
                SearchOutcome outcome = new SearchRunner(plan, env).run();
                return outcome.exitCode().code();
            } catch (GpusNotVisibleException e) {
                // No summary exists yet: what the trainer saw is the termination message, as the operator shows it.
                new TerminationMessageReporter().failed(e.getMessage());
                throw e;
            }
        });
    }
}
