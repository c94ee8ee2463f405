package io.kubenas.trainer.serve.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** Latency histograms (not only count and sum) for every HTTP endpoint, so p50/p99 can be computed in Prometheus. */
@Singleton
public class HttpMetricsHistogram {
    @Produces
    @Singleton
    public MeterFilter httpServerHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("http.server.requests")) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
