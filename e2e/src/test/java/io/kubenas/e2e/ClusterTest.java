package io.kubenas.e2e;

import io.kubenas.e2e.cluster.TestCluster;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class of searches on the real control plane: kubenas installed by the chart (once per run) and a namespace
 * of the class's own, made afresh, enforcing the restricted Pod Security Standard.
 */
@ExtendWith(TestCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterTest {
    protected final String namespace;
    protected TestCluster cluster;
    protected Searches searches;

    protected ClusterTest(String namespace) {
        this.namespace = namespace;
    }

    @BeforeAll
    void installKubenasAndTheNamespace(TestCluster testCluster) {
        cluster = testCluster;
        searches = Searches.inRestrictedNamespace(cluster, namespace);
    }

    /** Lets time pass on the cluster (a trainer runs, reports come in); no condition to wait for. */
    protected static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
