package io.kubenas.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The process kubelet's test control for lost nodes, against the real node-lifecycle controller: a node told to
 * stop heartbeating (no Lease renewals, no status) is marked NotReady (Unknown) and tainted unreachable once the
 * controller-manager's grace (20 s in the tests) has passed, and is Ready and untainted again when it resumes.
 */
@ExtendWith(TestCluster.class)
class NodeHeartbeatTest {
    private static final String NODE = "cpu-b";
    private static final String HEARTBEAT = "test.kubenas.io/heartbeat";

    @Test
    void silentNodeBecomesNotReadyAndTaintedThenReadyWhenItResumes(TestCluster cluster) {
        annotate(cluster, "stopped");
        try {
            Awaitility.await("the node-lifecycle controller notices the silence").atMost(Duration.ofMinutes(2))
                    .untilAsserted(() -> {
                        Node node = cluster.client().nodes().withName(NODE).get();
                        assertThat(ready(node)).isEqualTo("Unknown");
                        assertThat(node.getSpec().getTaints()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("node.kubernetes.io/unreachable"));
                    });
        } finally {
            annotate(cluster, null);
        }
        Awaitility.await("the node is back").atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            Node node = cluster.client().nodes().withName(NODE).get();
            assertThat(ready(node)).isEqualTo("True");
            assertThat(node.getSpec().getTaints() == null ? java.util.List.of() : node.getSpec().getTaints())
                    .noneSatisfy(t -> assertThat(t.getKey()).isEqualTo("node.kubernetes.io/unreachable"));
        });
    }

    private static String ready(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow().getStatus();
    }

    /** kubectl annotate: a merge patch without a resource version, so the controllers' writes never conflict. */
    private static void annotate(TestCluster cluster, String value) {
        cluster.kubectl("annotate", "node", NODE, value == null ? HEARTBEAT + "-" : HEARTBEAT + "=" + value, "--overwrite");
    }
}
