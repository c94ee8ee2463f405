package io.kubenas.trainer.serve;

import io.kubenas.trainer.serve.http.InferenceRequestException;
import io.kubenas.trainer.serve.model.ModelMetadata;
import io.kubenas.trainer.serve.model.ServedModel;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The model this server serves, once it is loaded. HTTP starts before {@code serve} has read the child, so
 * until {@link #serve} is called the server is live but not ready. One model per server: the operator
 * runs one Deployment per child.
 */
@ApplicationScoped
public class ModelRegistry {
    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private volatile String loadingName;
    private volatile String stopReason = "shutdown";
    private volatile ServedModel model;
    private volatile ServeLimits limits = ServeLimits.defaults();
    private final AtomicLong answered = new AtomicLong();

    /** Announces the name of the model being loaded, so its ready endpoint says "loading", not "unknown". */
    public void loading(String name) {
        this.loadingName = name;
    }

    /** Starts serving {@code served}; replaces (and closes) a model served before, which only tests do. */
    public void serve(ServedModel served, ServeLimits servedLimits) {
        ServedModel previous = this.model;
        this.limits = servedLimits;
        this.model = served;
        this.loadingName = null;
        if (previous != null && previous != served) {
            previous.close();
        }
    }

    /** Stops serving without freeing the model, which the caller then owns (tests). */
    ServedModel detach() {
        ServedModel previous = this.model;
        this.model = null;
        return previous;
    }

    public Optional<ServedModel> current() {
        return Optional.ofNullable(model);
    }

    public boolean isReady() {
        return model != null;
    }

    public ServeLimits limits() {
        return limits;
    }

    /** The model called {@code name} (and {@code version}, when given), or a 404/503 naming what is wrong. */
    public ServedModel require(String name, String version) {
        ServedModel served = model;
        if (served == null) {
            if (name.equals(loadingName)) {
                throw new InferenceRequestException(503, "model \"" + name + "\" is still loading");
            }
            throw new InferenceRequestException(404, "unknown model \"" + name + "\"; no model is loaded yet");
        }
        ModelMetadata metadata = served.metadata();
        if (!metadata.name().equals(name)) {
            throw new InferenceRequestException(404, "unknown model \"" + name + "\"; this server serves \"" + metadata.name() + "\"");
        }
        if (version != null && !metadata.version().equals(version)) {
            throw new InferenceRequestException(404, "model \"" + name + "\" has no version \"" + version + "\"; it is version \""
                    + metadata.version() + "\"");
        }
        return served;
    }

    /** Why the server is about to stop (e.g. {@code SIGTERM}), for the stop line. */
    void stopRequested(String reason) {
        this.stopReason = reason;
    }

    public void countAnswered() {
        answered.incrementAndGet();
    }

    /** After HTTP has finished the in-flight requests (quarkus.shutdown.timeout): one log line, then free the model. */
    void onShutdown(@Observes ShutdownEvent event) {
        ServedModel served = model;
        if (served != null) {
            LOG.infof("stopped serving %s after %d inference requests (%s)", served.metadata().identity(), answered.get(), stopReason);
            model = null;
            served.close();
        }
    }
}
