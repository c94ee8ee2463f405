package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.KubenasRelease;
import io.kubenas.e2e.cluster.TestCluster;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the people running the operator see, from the chart's operator pod on its own IP: metrics at /q/metrics
 * (what the chart's metrics Service and ServiceMonitor expose) and health at /q/health (its probes).
 */
@ExtendWith(TestCluster.class)
class OperationsTest {
    private static final String NAMESPACE = "e2e-ops";
    private static Searches searches;
    private static TestCluster cluster;

    @BeforeAll
    static void install(TestCluster testCluster) {
        cluster = testCluster;
        searches = Searches.inRestrictedNamespace(cluster, NAMESPACE);
    }

    @Test
    void metricsCountSearchesByPhaseReconcilesAndBudget() {
        // No node has that pool: the trainer pod stays unscheduled and the search Pending.
        searches.apply("measured", "  resources:\n    nodeSelector:\n      kubenas.io/pool: none\n");
        searches.await("measured", Duration.ofMinutes(2), s -> s.getStatus().getPhase() == Phase.PENDING);
        Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(get("/q/metrics"))
                .contains("kubenas_searches{phase=\"Pending\"}")
                .contains("kubenas_reconcile_seconds_count{namespace=\"" + NAMESPACE + "\",outcome=\"success\"}")
                .contains("kubenas_budget_device_seconds_used"));
    }

    @Test
    void healthIsUp() {
        assertThat(get("/q/health/live")).contains("\"status\": \"UP\"");
        assertThat(get("/q/health/ready")).contains("\"status\": \"UP\"");
    }

    private static String get(String path) {
        return KubenasRelease.operatorGet(cluster, path);
    }
}
