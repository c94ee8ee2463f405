package io.kubenas.trainer.search;

import io.kubenas.api.progress.TrainerExitCode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM (preemption, suspend, budget deadline, deletion) into a stop request the search loop polls
 * between steps: it finishes the step, writes a checkpoint and exits {@link TrainerExitCode#STOPPED_RESUMABLE}.
 * A watchdog halts the process with the same code when the grace period runs out first; the previous
 * checkpoint is still valid because checkpoints are written atomically.
 */
public final class GracefulStop {
    private static final Logger LOG = Logger.getLogger(GracefulStop.class);

    private final AtomicBoolean requested = new AtomicBoolean();
    private final Duration grace;
    private final IntConsumer halt;
    private final Map<Signal, SignalHandler> replaced = new LinkedHashMap<>();
    private volatile String reason;

    public GracefulStop(Duration grace, IntConsumer halt) {
        this.grace = grace;
        this.halt = halt;
    }

    /**
     * Handles SIGTERM (and SIGINT, for a local Ctrl-C) from now on, halting with {@code Runtime.halt}, until
     * {@link #restoreSignalHandlers()}.
     */
    public static GracefulStop onSignals(Duration grace) {
        GracefulStop stop = new GracefulStop(grace, code -> Runtime.getRuntime().halt(code));
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> stop.request("SIG" + name));
                synchronized (stop.replaced) {
                    stop.replaced.put(signal, previous);
                }
            } catch (IllegalArgumentException e) {
                LOG.debugf("signal %s cannot be handled here: %s", name, e.getMessage());
            }
        }
        return stop;
    }

    /**
     * Gives SIGTERM and SIGINT back to the handlers they had before {@link #onSignals} (the JVM's, which run
     * the shutdown hooks). Once the search is over a signal must no longer mean "checkpoint and exit 75":
     * {@code run --serve} hands them to the server, which stops cleanly with exit code 0.
     */
    public void restoreSignalHandlers() {
        synchronized (replaced) {
            replaced.forEach((signal, previous) -> {
                try {
                    Signal.handle(signal, previous);
                } catch (IllegalArgumentException e) {
                    LOG.debugf("signal %s cannot be restored: %s", signal.getName(), e.getMessage());
                }
            });
            replaced.clear();
        }
    }

    /** Asks the loop to stop; starts the grace-period watchdog on the first request. */
    public void request(String why) {
        if (requested.compareAndSet(false, true)) {
            reason = why;
            LOG.infof("%s received: finishing the step and checkpointing within %ds", why, grace.toSeconds());
            Thread watchdog = new Thread(() -> {
                try {
                    Thread.sleep(grace.toMillis());
                    LOG.warnf("grace period of %ds over before the final checkpoint; the previous checkpoint stays valid", grace.toSeconds());
                    halt.accept(TrainerExitCode.STOPPED_RESUMABLE.code());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "graceful-stop-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    public boolean isRequested() {
        return requested.get();
    }

    public String reason() {
        return reason;
    }
}
