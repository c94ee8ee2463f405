package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.KubenasRelease;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import io.kubenas.e2e.cluster.TestCluster;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deleting a namespace with running searches: the namespace controller removes a search's Job and ConfigMaps in
 * no particular order, possibly before the search itself, and the API server refuses whatever the operator
 * re-creates there (403, NamespaceTerminating). The operator gives up on such a reconcile instead of retrying it
 * with back-off until the search is gone, and logs one line, not a warning with a stack trace (before the fix:
 * two dozen failed reconciles for one search, each a WARN with a stack trace); the namespace goes. (How many
 * reconciles are refused depends on the order of the deletions: each is an event; the test prints the count.)
 */
@ExtendWith(TestCluster.class)
class NamespaceDeletionTest {
    private static final String NAMESPACE = "e2e-nsdelete";

    @Test
    void deletingTheNamespaceOfRunningSearchesIsNoFailureToRetry(TestCluster cluster) {
        Searches searches = Searches.inRestrictedNamespace(cluster, NAMESPACE);
        for (String name : new String[] {"a", "b", "c"}) {
            searches.apply(name, "  trainerImage: " + ScriptedTrainer.IMAGE + "\n");
        }
        for (String name : new String[] {"a", "b", "c"}) {
            searches.await(name, Duration.ofMinutes(2), s -> s.getStatus().getPhase() == Phase.SEARCHING);
        }
        long before = KubenasRelease.reconciles(cluster, NAMESPACE, "error");

        cluster.kubectl("delete", "namespace", NAMESPACE, "--wait=true", "--timeout=180s");

        Awaitility.await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        System.out.printf("failed reconciles while the namespace of 3 searches was deleted: %d%n", KubenasRelease.reconciles(cluster, NAMESPACE, "error") - before);
        assertThat(cluster.log(KubenasRelease.operatorPod(cluster), "operator")).as("no reconcile failure logged as a warning for the deleted namespace")
                .doesNotContain(NAMESPACE + "/a: reconcile failed", NAMESPACE + "/b: reconcile failed", NAMESPACE + "/c: reconcile failed");
    }
}
