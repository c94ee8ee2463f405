package io.kubenas.operator.controller;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubenas.operator.support.CrdSetup;
import io.kubenas.operator.support.FakeCluster;
import io.kubenas.operator.support.Searches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** What the people running the operator see: metrics at /q/metrics and health at /q/health. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
class OperationsTest {
    @Inject
    KubernetesClient client;

    @Test
    void metricsCountSearchesByPhaseReconcilesAndBudget() {
        FakeCluster cluster = new FakeCluster(client);
        cluster.create(Searches.fashionMnist("measured", "ops", null));
        cluster.awaitJob("ops", "measured", 1);
        await().atMost(FakeCluster.WAIT).untilAsserted(() -> given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("kubenas_searches{phase=\"Pending\"} 1.0"))
                .body(containsString("kubenas_reconcile_seconds_count{namespace=\"ops\",outcome=\"success\"}"))
                .body(containsString("kubenas_budget_device_seconds_used")));
    }

    @Test
    void healthIsUp() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
