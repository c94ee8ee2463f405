package io.kubenas.trainer.serve;

import io.quarkus.runtime.Quarkus;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * SIGTERM (Kubernetes, {@code docker stop}) and SIGINT (Ctrl-C) while serving. Each one ends the wait in
 * {@code Quarkus.waitForExit()} as if the command had finished. Quarkus then shuts down: HTTP finishes the
 * in-flight requests (up to {@code quarkus.shutdown.timeout}) and refuses new ones with 503, then
 * {@link ModelRegistry} logs the stop and frees the model. The process exits with the command's own code, 0.
 *
 * <p>Without these handlers the JVM's own would exit with 143 or 130. During {@code run --serve} the
 * search's {@code GracefulStop} would keep its handlers, so Ctrl-C would only schedule a halt with 75.
 * A second signal while stopping halts at once (128 + the signal's number), so an impatient Ctrl-C still works.
 */
final class StopOnSignal {
    private static final Logger LOG = Logger.getLogger(StopOnSignal.class);

    private StopOnSignal() {
    }

    /** From now on SIGTERM and SIGINT stop the server cleanly; the reason goes into the registry's stop line. */
    static void install(ModelRegistry registry) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (stopping.compareAndSet(false, true)) {
                        registry.stopRequested("SIG" + name);
                        // No exit code here: the command's own return value (0 once serving) becomes the exit code.
                        Quarkus.asyncExit();
                    } else {
                        LOG.warnf("SIG%s received again while stopping: exiting now, without waiting for in-flight requests", name);
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                });
            } catch (IllegalArgumentException e) {
                LOG.debugf("signal %s cannot be handled here: %s", name, e.getMessage());
            }
        }
    }
}
