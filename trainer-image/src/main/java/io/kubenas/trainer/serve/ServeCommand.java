package io.kubenas.trainer.serve;

import ai.djl.engine.EngineException;
import io.kubenas.api.progress.TrainerExitCode;
import io.kubenas.trainer.child.ChildParts;
import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.serve.model.ChildDirectoryLoader;
import io.kubenas.trainer.serve.model.ChildNetworkBlocks;
import io.kubenas.trainer.serve.model.LoadedChild;
import io.kubenas.trainer.serve.model.ModelMetadata;
import io.kubenas.trainer.serve.model.ServedModel;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve --child DIR}: serves an exported child over the Open Inference Protocol (KServe v2), and its search
 * report at {@code /report} ({@link ServedReport}), until
 * SIGTERM or SIGINT, then finishes the in-flight requests and exits 0 (see {@link StopOnSignal}). Exits
 * {@link TrainerExitCode#INVALID_INPUT} (64) when the child is missing or corrupt or an option is wrong,
 * before it ever reports ready.
 *
 * <p>{@code --port} and {@code --max-request-bytes} are applied before boot by {@code io.kubenas.trainer.startup.KubenasMain}
 * (HTTP is already listening when this runs); they are declared here for help and validation.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve an exported child network over HTTP: the Open Inference Protocol (KServe v2) at /v2, its search report at"
                + " /report, Prometheus metrics at /q/metrics, health at /q/health and /v2/health.")
public class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(ServeCommand.class);
    static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern MEMORY_SIZE = Pattern.compile("[0-9]{1,15}[KkMmGg]?");

    @Option(names = "--child", required = true, paramLabel = "DIR",
            description = "The exported child directory (architecture.json, child.params, manifest.json), or its published parts"
                    + " (child.params.000, ...) as a serving pod mounts them.")
    Path child;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port (default: quarkus.http.port, 8080; 0 picks a free one).")
    Integer port;

    @Option(names = "--model-name", paramLabel = "NAME",
            description = "Name in /v2/models/{name} (default: the name in architecture.json, else kubenas-child).")
    String modelName;

    // Initial values, not picocli defaults, so an instance injected into another command has them too.
    @Option(names = "--max-batch", paramLabel = "N", description = "Most images in one request (default: ${DEFAULT-VALUE}).")
    int maxBatch = ServeLimits.DEFAULT_MAX_BATCH;

    @Option(names = "--workers", paramLabel = "N",
            description = "Predictors running in parallel, one network copy each (default: the number of CPUs).")
    Integer workers;

    @Option(names = "--max-request-bytes", paramLabel = "SIZE",
            description = "Largest request body, e.g. 16M or 1048576; larger bodies get 413 (default: quarkus.http.limits.max-body-size, 16M).")
    String maxRequestBytes;

    @Spec
    CommandSpec spec;

    @Inject
    ModelRegistry registry;

    @Inject
    ChildNetworkBlocks networks;

    @Inject
    ServedReport report;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String problem = optionProblem();
        if (problem != null) {
            err.println("serve: " + problem);
            err.flush();
            return TrainerExitCode.INVALID_INPUT.code();
        }
        // Before loading: a SIGTERM that comes while the child loads stops cleanly too.
        StopOnSignal.install(registry);
        int code = start(new ChildDirectoryLoader(networks));
        if (code == 0) {
            Quarkus.waitForExit();
        }
        return code;
    }

    /**
     * Serves a child from inside another command ({@code run --serve}): takes over SIGTERM and SIGINT (see
     * {@link StopOnSignal}; the caller must have given back any handler of its own), loads the child, starts
     * serving it on the HTTP server that is already listening, and returns at once; the caller then waits with
     * {@code Quarkus.waitForExit()} and returns 0 once it ends. For HTTP to be listening, that command's arguments
     * must turn it on (see {@code io.kubenas.trainer.startup.HttpConfiguration}).
     *
     * @param name the model name, unless {@code --model-name} was given
     * @return 0 when serving, else the exit code (the reason is on stderr and in the log)
     */
    public int serveChild(Path childDir, String name) {
        this.child = childDir;
        if (modelName == null) {
            this.modelName = name;
        }
        StopOnSignal.install(registry);
        return start(new ChildDirectoryLoader(networks));
    }

    private static Path scratch() throws InvalidChildException {
        try {
            return Files.createTempDirectory("kubenas-child-");
        } catch (IOException e) {
            throw new InvalidChildException("cannot create a folder to join the child's parts in: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the child and starts serving it; returns at once. Split from {@link #call} so that {@code run --serve}
     * and tests can serve a child without blocking.
     *
     * @return 0 when serving, else the exit code (the reason is on stderr)
     */
    public int start(ChildDirectoryLoader loader) {
        PrintWriter err = spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr();
        int workerCount = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        try {
            registry.loading(modelName);
            // In a serving pod the child comes as its ConfigMaps' keys (parts): joined into the writable /tmp first.
            Path childDir = ChildParts.joined(child, scratch());
            LoadedChild loaded = loader.load(childDir);
            ModelMetadata metadata = loaded.metadata(modelName);
            ServeLimits limits = new ServeLimits(maxBatch, ServeLimits.DEFAULT_QUEUE_TIMEOUT);
            registry.loading(metadata.name());
            ServedModel model = ServedModel.start(metadata, loaded, workerCount, limits.queueTimeout());
            // Before the model: once the server reports ready, its report is there too.
            report.load(childDir);
            registry.serve(model, limits);
            String maxRequest = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", String.class).orElse("?");
            LOG.infof("serving %s from %s on %s, %d workers, max batch %d, max request %s", metadata.identity(), child,
                    listeningOn(), workerCount, maxBatch, maxRequest);
            return 0;
        } catch (InvalidChildException e) {
            registry.loading(null);
            err.println("serve: cannot serve " + child + ": " + e.getMessage());
            err.flush();
            LOG.errorf("cannot serve %s: %s", child, e.getMessage());
            return TrainerExitCode.INVALID_INPUT.code();
        } catch (EngineException e) {
            registry.loading(null);
            err.println("serve: the deep-learning engine failed to load: " + e.getMessage());
            err.flush();
            LOG.errorf(e, "the deep-learning engine failed to load");
            return TrainerExitCode.FAILED.code();
        } catch (Exception e) {
            // The child passed verification but its network does not run (e.g. fails on a blank image).
            registry.loading(null);
            err.println("serve: cannot start the model from " + child + ": " + e.getMessage());
            err.flush();
            LOG.errorf(e, "cannot start the model from %s", child);
            return TrainerExitCode.INVALID_INPUT.code();
        }
    }

    private String optionProblem() {
        if (port != null && !isPort(port)) {
            return "--port must be between 0 and 65535, got " + port;
        }
        if (maxRequestBytes != null && !isMemorySize(maxRequestBytes)) {
            return "--max-request-bytes must be a size like 16M, 512K or 1048576, got " + maxRequestBytes;
        }
        if (maxBatch < 1) {
            return "--max-batch must be >= 1, got " + maxBatch;
        }
        if (workers != null && workers < 1) {
            return "--workers must be >= 1, got " + workers;
        }
        if (modelName != null && !MODEL_NAME.matcher(modelName).matches()) {
            return "--model-name must be letters, digits, '.', '_' or '-' (starting with a letter or digit), got \"" + modelName + "\"";
        }
        return null;
    }

    /** A TCP port: 0 (any free one) to 65535. */
    public static boolean isPort(int port) {
        return port >= 0 && port <= 65535;
    }

    /** A size as Quarkus reads it: bytes, or a number with K, M or G (e.g. {@code 16M}); more than 0. */
    public static boolean isMemorySize(String value) {
        return MEMORY_SIZE.matcher(value).matches() && !value.replaceAll("[^0-9]", "").matches("0+");
    }

    private static String listeningOn() {
        var config = ConfigProvider.getConfig();
        if (!config.getOptionalValue("quarkus.http.host-enabled", Boolean.class).orElse(true)) {
            return "no HTTP listener (quarkus.http.host-enabled=false)";
        }
        return "http://" + config.getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0") + ":"
                + config.getOptionalValue("quarkus.http.port", String.class).orElse("8080");
    }
}
