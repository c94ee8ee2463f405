package io.kubenas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.e2e.cluster.ScriptedTrainer;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A trainer pod's node stops heartbeating (the process kubelet's test control: no Lease renewals, no status, its
 * processes keep running), on the real node-lifecycle controller (NotReady after 20 s in the tests) with the chart's
 * {@code trainer.nodeLostGrace} at 10 s: the attempt is given up there without using a restart, billed up to the
 * node's last heartbeat, its Job deleted; the next attempt runs on another node and finds the checkpoint the lost one
 * wrote on the search's volume; the stuck pod stays until the node is deleted, then the pod garbage collector removes
 * it (and a replacement machine registers, so later tests find every node).
 */
class LostNodeTest extends ClusterTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String HEARTBEAT = "test.kubenas.io/heartbeat";

    LostNodeTest() {
        super("e2e-lost-node");
    }

    @Test
    void attemptOnANodeThatStopsHeartbeatingResumesOnAnotherNodeBilledOnlyToTheLastHeartbeat() {
        searches.applyScripted("lost", """
                  restartPolicy:
                    maxRestarts: 0
                    backoffSeconds: 1
                    maxBackoffSeconds: 1
                """);
        ScriptedTrainer.tell(namespace, "lost", 1, "checkpoint epoch-2", "progress " + TrainerReports.searching(1, 2, 0.71));
        searches.await("lost", WAIT, s -> s.getStatus().getProgress() != null && s.getStatus().getPhase() == Phase.SEARCHING);
        Pod first = searches.pods("lost-trainer-1-").get(0);
        String node = first.getSpec().getNodeName();
        Instant trainerStarted = Instant.parse(first.getStatus().getContainerStatuses().get(0).getState().getRunning().getStartedAt());
        ScriptedTrainer.tell(namespace, "lost", 2, "resume epoch-2", "progress " + TrainerReports.searching(2, 3, 0.74));
        pause(Duration.ofSeconds(15)); // the lost attempt has run a while: its bill is clearly more than nothing

        Instant silenced = Instant.now();
        annotateNode(node, HEARTBEAT + "=stopped");
        try {
            NasSearch resumed = searches.await("lost", WAIT, s -> s.getStatus().getAttempts().getCount() == 2
                    && s.getStatus().getProgress() != null && s.getStatus().getProgress().getEpoch() == 3);
            Instant resumedSeen = Instant.now();
            assertThat(resumed.getStatus().getPhase()).isEqualTo(Phase.SEARCHING);
            assertThat(resumed.getStatus().getAttempts().getRestarts()).as("a lost node uses no restart").isZero();
            assertThat(resumed.getStatus().getAttempts().getEvictions()).isEqualTo(1);
            assertThat(resumed.getStatus().getAttempts().getLastFailure().getReason()).isEqualTo("NodeLost");
            assertThat(resumed.getStatus().getAttempts().getLastFailure().getMessage()).contains(node);

            Pod second = searches.pods("lost-trainer-2-").get(0);
            assertThat(second.getSpec().getNodeName()).as("the new attempt runs elsewhere").isNotEqualTo(node);
            // Billing of attempt 1 stopped at the node's last heartbeat (the kubelet renews its Lease every 10 s), not when
            // the loss was noticed: what attempt 2 starts from is what attempt 1 ran until the node went silent.
            double before = Double.parseDouble(searches.job("lost", 2).getMetadata().getAnnotations().get("kubenas.io/device-seconds-before"));
            double toSilence = Duration.between(trainerStarted, silenced).toMillis() / 1000.0;
            assertThat(before).isBetween(toSilence - 12, toSilence + 1).isGreaterThan(2.0);
            System.out.printf("LostNodeTest: node %s silenced at %s; attempt 2 resumed (epoch 3 pushed) %.0f s later; attempt 1 billed %.1f s"
                    + " (its trainer ran %.1f s until the silence)%n", node, silenced, Duration.between(silenced, resumedSeen).toMillis() / 1000.0,
                    before, toSilence);

            Job lostJob = searches.job("lost", 1);
            assertThat(lostJob == null || lostJob.getMetadata().getDeletionTimestamp() != null).as("the lost attempt's Job is deleted").isTrue();
            assertThat(searches.pods("lost-trainer-1-")).as("the stuck pod stays while its node is only silent").hasSize(1);

            cluster.kubectl("delete", "node", node, "--wait=false");
            Awaitility.await("the pod garbage collector removes the pod of the deleted node").atMost(WAIT)
                    .until(() -> searches.pods("lost-trainer-1-").isEmpty());
            assertThat(searches.get("lost").getStatus().getAttempts().getCount()).isEqualTo(2);
        } finally {
            Node current = cluster.client().nodes().withName(node).get();
            if (current != null && current.getMetadata().getAnnotations() != null && current.getMetadata().getAnnotations().containsKey(HEARTBEAT)) {
                annotateNode(node, HEARTBEAT + "-");
            }
            Awaitility.await("node " + node + " is Ready again (or a replacement machine registered)").atMost(WAIT).until(() -> ready(node));
        }
        ScriptedTrainer.tell(namespace, "lost", 2, "exit 75");
    }


    private boolean ready(String node) {
        Node n = cluster.client().nodes().withName(node).get();
        return n != null && n.getStatus() != null && n.getStatus().getConditions() != null && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                && (n.getSpec().getTaints() == null || n.getSpec().getTaints().stream().noneMatch(t -> t.getKey().startsWith("node.kubernetes.io/")));
    }

    /** kubectl annotate: a merge patch, so the controllers' writes to the node never conflict with it. */
    private void annotateNode(String node, String annotation) {
        cluster.kubectl("annotate", "node", node, annotation, "--overwrite");
    }
}
