package io.kubenas.trainer.progress;

import io.kubenas.api.progress.PodContract;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** The reporter sets the CLI wires up: one for a trainer pod, one for a local run. */
public final class ProgressReporters {
    private static final Logger LOG = Logger.getLogger(ProgressReporters.class);

    private ProgressReporters() {
    }

    /**
     * In a pod: progress.json in the work dir, the progress ConfigMap named by the operator's
     * environment ({@link PodContract#ENV_NAMESPACE}, {@link PodContract#ENV_PROGRESS_CONFIGMAP})
     * when both are set, and the termination log.
     */
    public static ProgressReporter forPod(Path workDir, Map<String, String> env) {
        List<ProgressReporter> reporters = new ArrayList<>();
        reporters.add(new ProgressFileReporter(workDir));
        String namespace = env.get(PodContract.ENV_NAMESPACE);
        String configMap = env.get(PodContract.ENV_PROGRESS_CONFIGMAP);
        if (namespace != null && !namespace.isBlank() && configMap != null && !configMap.isBlank()) {
            reporters.add(ProgressConfigMapReporter.forConfigMap(ProgressConfigMapReporter.newClient(null), true, namespace, configMap));
        } else {
            LOG.infof("%s or %s not set: progress goes to %s only", PodContract.ENV_NAMESPACE, PodContract.ENV_PROGRESS_CONFIGMAP,
                    workDir.resolve(PodContract.PROGRESS_KEY));
        }
        reporters.add(new TerminationMessageReporter());
        return new CompositeProgressReporter(reporters);
    }

    /** On a workstation: progress.json in the work dir and the progress bar on the terminal. */
    public static ProgressReporter forLocalRun(Path workDir, PrintStream terminal, boolean interactive) {
        return CompositeProgressReporter.of(new ProgressFileReporter(workDir), new TerminalProgressBar(terminal, interactive));
    }
}
