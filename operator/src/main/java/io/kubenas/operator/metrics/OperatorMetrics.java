package io.kubenas.operator.metrics;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.status.Phases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The operator's metrics at {@code /q/metrics}: searches by phase and device-seconds used over all searches, the
 * per-search series of {@link SearchMetrics} (all read from the informer cache when scraped, so deleted searches drop
 * out), reconcile duration, restarts and evictions. The operator-wide meters are tagged by namespace at most; only the
 * per-search series grow with the number of searches (13 each), which is what a dashboard of searches needs.
 */
@ApplicationScoped
public class OperatorMetrics {
    private final AtomicBoolean bound = new AtomicBoolean();
    private final List<Meter> gauges = new CopyOnWriteArrayList<>();
    private volatile SearchMetrics perSearch;

    @Inject
    MeterRegistry registry;

    /** Where the per-search collector goes: the registry {@code /q/metrics} scrapes. */
    @Inject
    PrometheusMeterRegistry prometheus;

    /** Registers the gauges and the per-search collector over the NasSearch informer cache (once). */
    public void observe(IndexedResourceCache<NasSearch> searches) {
        if (!bound.compareAndSet(false, true)) {
            return;
        }
        perSearch = new SearchMetrics(searches::list);
        prometheus.getPrometheusRegistry().register(perSearch);
        for (Phase phase : Phase.values()) {
            gauges.add(Gauge.builder("kubenas.searches", searches, cache -> cache.list()
                            .filter(s -> s.getStatus() != null && s.getStatus().getPhase() == phase).count())
                    .description("NasSearch resources by phase")
                    .tag("phase", Phases.display(phase))
                    .register(registry));
        }
        gauges.add(Gauge.builder("kubenas.budget.device.seconds.used", searches, cache -> cache.list()
                        .filter(s -> s.getStatus() != null && s.getStatus().getBudget() != null && s.getStatus().getBudget().getDeviceSecondsUsed() != null)
                        .mapToDouble(s -> s.getStatus().getBudget().getDeviceSecondsUsed()).sum())
                .description("Device-seconds used by all NasSearch resources, as recorded in their status")
                .register(registry));
    }

    /** The gauges and the collector hold the informer cache: they go with this operator instance (the registry may outlive it). */
    @PreDestroy
    void close() {
        gauges.forEach(registry::remove);
        gauges.clear();
        SearchMetrics collector = perSearch;
        if (collector != null) {
            prometheus.getPrometheusRegistry().unregister(collector);
            perSearch = null;
        }
    }

    /** Starts timing a reconcile. */
    public Timer.Sample startReconcile() {
        return Timer.start(registry);
    }

    /** Stops timing a reconcile of a search in {@code namespace}. */
    public void stopReconcile(Timer.Sample sample, String namespace, boolean success) {
        sample.stop(Timer.builder("kubenas.reconcile")
                .description("Duration of NasSearch reconciles")
                .tag("namespace", namespace)
                .tag("outcome", success ? "success" : "error")
                .register(registry));
    }

    public void restarted(String namespace) {
        Counter.builder("kubenas.trainer.restarts").description("Trainer restarts after failures").tag("namespace", namespace).register(registry).increment();
    }

    public void evicted(String namespace) {
        Counter.builder("kubenas.trainer.evictions").description("Trainer attempts resumed after eviction or preemption")
                .tag("namespace", namespace).register(registry).increment();
    }
}
