package io.kubenas.trainer.progress;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerProgress;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Pushes progress into the per-search ConfigMap ({@code <search>-progress}, key {@code progress.json})
 * that the operator watches (docs/architecture.md, "The operator ↔ trainer contract"). Only ever a JSON
 * merge patch of that one key of that one object: the trainer's Role allows get/patch on that name and
 * nothing else, and the operator owns
 * the object (creates it, labels it); a merge patch leaves every other key alone.
 *
 * <p>Patches go out on a background thread, so the training loop never waits for the API server.
 * Routine reports coalesce (the newest wins) and are sent at most once per interval; forced reports
 * (checkpoints, stage changes) go out as soon as the thread is free. When the server is unreachable the
 * failure is logged once per outage and the newest report is retried an interval later; the search
 * never fails for it. {@link #finish} retries the final summary a few times within a bounded time —
 * the termination log carries it if all of them fail.
 */
public final class ProgressConfigMapReporter implements ProgressReporter {
    private static final Logger LOG = Logger.getLogger(ProgressConfigMapReporter.class);

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_FINAL_TIMEOUT = Duration.ofSeconds(10);
    static final int FINAL_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final String namespace;
    private final String name;
    private final long intervalNanos;
    private final Duration finalTimeout;
    private final LongSupplier nanoTime;
    private final Thread sender;

    private final Object lock = new Object();
    private TrainerProgress pending;
    private boolean pendingForced;
    private boolean finalRequested;
    private boolean finalDone;
    private boolean closed;
    private boolean sentBefore;
    private long lastAttempt;
    private boolean outage;
    private int failuresInOutage;
    private long patches;

    /**
     * @param client a client the caller owns (see {@link #newClient} for suitable timeouts)
     * @param interval the least time between two routine patches
     */
    public ProgressConfigMapReporter(KubernetesClient client, String namespace, String configMapName, Duration interval) {
        this(client, false, namespace, configMapName, interval, DEFAULT_FINAL_TIMEOUT, System::nanoTime);
    }

    ProgressConfigMapReporter(KubernetesClient client, boolean ownsClient, String namespace, String configMapName, Duration interval,
            Duration finalTimeout, LongSupplier nanoTime) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.namespace = namespace;
        this.name = configMapName;
        this.intervalNanos = interval.toNanos();
        this.finalTimeout = finalTimeout;
        this.nanoTime = nanoTime;
        this.sender = new Thread(this::sendLoop, "kubenas-progress-configmap");
        sender.setDaemon(true);
        sender.start();
    }

    static ProgressConfigMapReporter forConfigMap(KubernetesClient client, boolean ownsClient, String namespace, String configMapName) {
        return new ProgressConfigMapReporter(client, ownsClient, namespace, configMapName, DEFAULT_INTERVAL, DEFAULT_FINAL_TIMEOUT,
                System::nanoTime);
    }

    /**
     * A client that gives up quickly: one attempt per patch (this reporter retries on its own schedule),
     * 3 s to connect, 5 s per request.
     *
     * @param masterUrl the API server, or null for the usual auto-configuration (in-cluster service
     *        account, kubeconfig, {@code kubernetes.master})
     */
    public static KubernetesClient newClient(String masterUrl) {
        Config base = masterUrl == null ? Config.autoConfigure(null) : new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl)
                .withTrustCerts(true).build();
        Config config = new ConfigBuilder(base).withConnectionTimeout(3_000).withRequestTimeout(5_000).withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public void report(TrainerProgress progress) {
        offer(progress, false);
    }

    @Override
    public void reportNow(TrainerProgress progress) {
        offer(progress, true);
    }

    /** Sends the summary, retrying up to 3 times, and waits at most the final timeout for it. */
    @Override
    public void finish(TrainerProgress summary) {
        long deadline = nanoTime.getAsLong() + finalTimeout.toNanos();
        synchronized (lock) {
            if (finalRequested || closed) {
                return;
            }
            pending = summary;
            pendingForced = true;
            finalRequested = true;
            lock.notifyAll();
            while (!finalDone) {
                long left = deadline - nanoTime.getAsLong();
                if (left <= 0) {
                    LOG.warnf("final progress not confirmed by the API server within %s; the termination log carries it", finalTimeout);
                    return;
                }
                if (!waitNanos(left)) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        sender.interrupt();
        try {
            sender.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsClient) {
            client.close();
        }
    }

    /** Patches sent successfully so far (for tests and the final log line). */
    long patchesSent() {
        synchronized (lock) {
            return patches;
        }
    }

    private void offer(TrainerProgress progress, boolean forced) {
        synchronized (lock) {
            if (finalRequested || closed) {
                return;
            }
            pending = progress;
            pendingForced |= forced;
            lock.notifyAll();
        }
    }

    private void sendLoop() {
        while (true) {
            TrainerProgress toSend;
            boolean isFinal;
            synchronized (lock) {
                while (!closed && !readyToSend()) {
                    long wait = pending == null ? Long.MAX_VALUE : lastAttempt + intervalNanos - nanoTime.getAsLong();
                    if (!waitNanos(wait)) {
                        return; // interrupted: close() wants the thread gone
                    }
                }
                if (closed) {
                    return;
                }
                toSend = pending;
                isFinal = finalRequested;
                pending = null;
                pendingForced = false;
                sentBefore = true;
                lastAttempt = nanoTime.getAsLong();
            }
            boolean delivered = isFinal ? sendFinal(toSend) : send(toSend);
            synchronized (lock) {
                if (isFinal) {
                    finalDone = true;
                    lock.notifyAll();
                    return;
                }
                if (!delivered && pending == null) {
                    pending = toSend; // retried one interval later unless a newer report replaces it
                }
            }
        }
    }

    private boolean readyToSend() {
        if (pending == null) {
            return false;
        }
        return pendingForced || !sentBefore || nanoTime.getAsLong() - lastAttempt >= intervalNanos;
    }

    private boolean sendFinal(TrainerProgress summary) {
        long backoffMillis = 250;
        for (int attempt = 1; attempt <= FINAL_ATTEMPTS; attempt++) {
            if (send(summary)) {
                return true;
            }
            if (attempt < FINAL_ATTEMPTS) {
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException e) {
                    return false;
                }
                backoffMillis *= 2;
            }
        }
        return false;
    }

    private boolean send(TrainerProgress progress) {
        try {
            // The object itself is the merge patch: only metadata.name and the one data key. (The
            // withName(..).patch(ctx, String) variant reads the object first: a GET per report.)
            ConfigMap patch = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .addToData(PodContract.PROGRESS_KEY, ProgressJson.write(progress)).build();
            client.configMaps().inNamespace(namespace).resource(patch).patch(PatchContext.of(PatchType.JSON_MERGE));
            synchronized (lock) {
                patches++;
                if (outage) {
                    LOG.infof("progress ConfigMap %s/%s is reachable again after %d failed patches", namespace, name, failuresInOutage);
                    outage = false;
                    failuresInOutage = 0;
                }
            }
            return true;
        } catch (RuntimeException e) { // KubernetesClientException, or anything the HTTP stack throws
            synchronized (lock) {
                failuresInOutage++;
                if (!outage) {
                    outage = true;
                    LOG.warnf("cannot patch progress ConfigMap %s/%s: %s; the search goes on and retries later", namespace, name,
                            describe(e));
                }
            }
            return false;
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof KubernetesClientException k && k.getCode() == 404) {
            return "it does not exist (the operator creates it)";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    /** Object.wait for up to nanos (lock held, at least 1 ms); false when interrupted. */
    private boolean waitNanos(long nanos) {
        try {
            long millis = nanos == Long.MAX_VALUE ? 0 : Math.max(1, nanos / 1_000_000);
            lock.wait(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
