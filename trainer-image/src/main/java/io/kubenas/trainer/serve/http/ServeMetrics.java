package io.kubenas.trainer.serve.http;

import io.kubenas.trainer.serve.ModelRegistry;
import io.kubenas.trainer.serve.model.ServedModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inference metrics, next to the HTTP server's own {@code http_server_requests_seconds} (every endpoint,
 * by method, URI template and status):
 * <ul>
 *   <li>{@code kubenas_inference_requests_total{status}}: infer requests by HTTP status, errors included;</li>
 *   <li>{@code kubenas_inference_duration_seconds}: histogram of infer latency (parse, validate, predict);</li>
 *   <li>{@code kubenas_inference_batch_size}: histogram of images per answered request;</li>
 *   <li>{@code kubenas_inference_workers_busy}: predictors running right now.</li>
 * </ul>
 * Model names are not tags: a client can send any name, and tags must not grow with what clients send.
 */
@ApplicationScoped
public class ServeMetrics {
    private final MeterRegistry registry;
    private final Map<Integer, Counter> requestsByStatus = new ConcurrentHashMap<>();
    private final Timer duration;
    private final DistributionSummary batchSize;

    public ServeMetrics(MeterRegistry registry, ModelRegistry models) {
        this.registry = registry;
        this.duration = Timer.builder("kubenas.inference.duration")
                .description("Time to answer an inference request, from parsing to the response object")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        this.batchSize = DistributionSummary.builder("kubenas.inference.batch.size")
                .description("Images per answered inference request")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
                .register(registry);
        Gauge.builder("kubenas.inference.workers.busy", models, m -> m.current().map(ServedModel::busyWorkers).orElse(0))
                .description("Predictors running right now")
                .register(registry);
    }

    void answered(int status, long nanos, int batch) {
        requests(status).increment();
        duration.record(Duration.ofNanos(nanos));
        batchSize.record(batch);
    }

    void refused(int status) {
        requests(status).increment();
    }

    private Counter requests(int status) {
        return requestsByStatus.computeIfAbsent(status, s -> Counter.builder("kubenas.inference.requests")
                .description("Inference requests by HTTP status")
                .tag("status", Integer.toString(s))
                .register(registry));
    }
}
