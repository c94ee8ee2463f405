package io.kubenas.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.operator.metrics.OperatorMetrics;
import io.kubenas.operator.support.CrdSetup;
import io.kubenas.operator.support.FakeCluster;
import io.kubenas.operator.support.Reports;
import io.kubenas.operator.support.Searches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Status writes and owned-object writes must not feed back into reconciles: each transition costs a
 * handful of reconciles, and a quiet search costs none between its status refreshes.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = CrdSetup.class)
class HotLoopTest {
    private static final String NS = "hotloop";

    @Inject
    KubernetesClient client;

    @Inject
    OperatorMetrics metrics;

    private long settle() {
        long[] last = { -1 };
        await().pollInterval(Duration.ofMillis(400)).atMost(FakeCluster.WAIT).until(() -> {
            long now = metrics.reconciles(NS);
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
        return last[0];
    }

    @Test
    void eachTransitionCostsAFewReconcilesAndAQuietSearchNone() {
        FakeCluster cluster = new FakeCluster(client);
        NasSearch search = Searches.fashionMnist("calm", NS, "  serving:\n    enabled: false");
        cluster.create(search);
        cluster.awaitJob(NS, "calm", 1);
        long created = settle();
        assertThat(created).as("reconciles from create to the trainer Job").isBetween(1L, 4L);

        Pod pod = cluster.startPod(cluster.job(NS, "calm", 1), Instant.now().minusSeconds(10));
        await().atMost(FakeCluster.WAIT).until(() -> cluster.get(NS, "calm").getStatus().getPhase() == Phase.SEARCHING);
        long running = settle();
        assertThat(running - created).as("reconciles for the pod starting").isBetween(1L, 4L);

        for (int epoch = 1; epoch <= 5; epoch++) {
            cluster.pushProgress(NS, "calm", Reports.searching(1, epoch, 0.5 + epoch / 100.0));
        }
        await().atMost(FakeCluster.WAIT).until(() -> cluster.get(NS, "calm").getStatus().getProgress() != null
                && cluster.get(NS, "calm").getStatus().getProgress().getEpoch() == 5);
        long progressed = settle();
        assertThat(progressed - running).as("reconciles for five progress patches").isBetween(1L, 7L);

        cluster.finishPod(pod, 0, "Completed", null, Instant.now());
        await().atMost(FakeCluster.WAIT).until(() -> cluster.get(NS, "calm").getStatus().getPhase() == Phase.SUCCEEDED);
        long finished = settle();
        assertThat(finished - progressed).as("reconciles for the trainer finishing").isBetween(1L, 4L);
        // A finished search waits for events only: no periodic reconciles.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> metrics.reconciles(NS) == finished);

    }
}
