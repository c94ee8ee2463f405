package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.KubenasRelease;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What the people running the operator see, from the chart's operator pod on its own IP: metrics at /q/metrics
 * (what the chart's metrics Service and ServiceMonitor expose) and health at /q/health (its probes).
 */
class OperationsTest extends ClusterTest {
    OperationsTest() {
        super("e2e-ops");
    }

    @Test
    void metricsCountSearchesByPhaseReconcilesAndBudget() {
        // No node has that pool: the trainer pod stays unscheduled and the search Pending.
        searches.apply("measured", "  resources:\n    nodeSelector:\n      kubenas.io/pool: none\n");
        searches.await("measured", Duration.ofMinutes(2), s -> s.getStatus().getPhase() == Phase.PENDING);
        Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(get("/q/metrics"))
                .contains("kubenas_searches{phase=\"Pending\"}")
                .contains("kubenas_reconcile_seconds_count{namespace=\"" + namespace + "\",outcome=\"success\"}")
                .contains("kubenas_budget_device_seconds_used"));
    }

    @Test
    void healthIsUp() {
        assertThat(get("/q/health/live")).contains("\"status\": \"UP\"");
        assertThat(get("/q/health/ready")).contains("\"status\": \"UP\"");
    }

    private String get(String path) {
        return KubenasRelease.operatorGet(cluster, path);
    }
}
