package io.kubenas.operator.metrics;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.kubenas.api.v1alpha1.NasSearch;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link OperatorMetrics} wired as Quarkus wires it (one Prometheus registry, the one {@code /q/metrics} scrapes) over an
 * in-memory stand-in for the NasSearch informer cache, which tests fill and empty as the informer would.
 */
final class ScrapedOperator implements AutoCloseable {
    private final Map<String, NasSearch> cache = new ConcurrentHashMap<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final OperatorMetrics metrics = new OperatorMetrics();

    ScrapedOperator() {
        metrics.registry = registry;
        metrics.prometheus = registry;
        metrics.observe(informerCache());
    }

    void put(NasSearch search) {
        cache.put(key(search), search);
    }

    void delete(NasSearch search) {
        cache.remove(key(search));
    }

    Scrape scrape() {
        return Scrape.parse(registry.scrape());
    }

    @Override
    public void close() {
        metrics.close();
        registry.close();
    }

    private static String key(NasSearch search) {
        return search.getMetadata().getNamespace() + "/" + search.getMetadata().getName();
    }

    /** Only {@code list()} is answered: it is all the metrics read. */
    @SuppressWarnings("unchecked")
    private IndexedResourceCache<NasSearch> informerCache() {
        return (IndexedResourceCache<NasSearch>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {IndexedResourceCache.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "list" -> {
                        if (args != null && args.length > 0) {
                            throw new UnsupportedOperationException("list with arguments");
                        }
                        yield cache.values().stream();
                    }
                    case "toString" -> "in-memory NasSearch cache";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
