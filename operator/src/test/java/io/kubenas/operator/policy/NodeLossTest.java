package io.kubenas.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.kubenas.operator.policy.AttemptState.End;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeLossTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant HEARTBEAT = Instant.parse("2026-01-01T10:20:00Z");
    private static final Instant NOT_READY = Instant.parse("2026-01-01T10:20:50Z");
    private static final Duration GRACE = Duration.ofSeconds(60);

    private static Pod runningOn(String node) {
        return new PodBuilder().withNewMetadata().withName("s-trainer-1-abcde").endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase("Running")
                .withContainerStatuses(new ContainerStatusBuilder().withName("trainer")
                        .withNewState().withNewRunning().withStartedAt(STARTED.toString()).endRunning().endState().build())
                .endStatus().build();
    }

    private static Node node(String ready, Instant since, Instant heartbeat) {
        return new NodeBuilder().withNewMetadata().withName("gpu-a").endMetadata().withNewStatus()
                .withConditions(new NodeConditionBuilder().withType("Ready").withStatus(ready).withReason("NodeStatusUnknown")
                        .withLastTransitionTime(since.toString()).withLastHeartbeatTime(heartbeat.toString()).build())
                .endStatus().build();
    }

    @Test
    void podOnAReadyNodeIsNotLost() {
        NodeLoss.Verdict verdict = NodeLoss.of(runningOn("gpu-a"), node("True", STARTED, HEARTBEAT), null, GRACE, NOT_READY.plusSeconds(600));
        assertThat(verdict.loss()).isEmpty();
        assertThat(verdict.recheckAt()).isNull();
    }

    @Test
    void notReadyNodeWithinTheGraceIsCheckedAgainWhenTheGraceRunsOut() {
        NodeLoss.Verdict verdict = NodeLoss.of(runningOn("gpu-a"), node("Unknown", NOT_READY, HEARTBEAT), null, GRACE, NOT_READY.plusSeconds(10));
        assertThat(verdict.loss()).isEmpty();
        assertThat(verdict.recheckAt()).isEqualTo(NOT_READY.plus(GRACE));
    }

    @Test
    void notReadyNodePastTheGraceLosesThePodAtItsLastHeartbeatTheLeaseBeingTheLatestSign() {
        Instant leaseRenewed = HEARTBEAT.plusSeconds(30);
        NodeLoss.Verdict verdict = NodeLoss.of(runningOn("gpu-a"), node("Unknown", NOT_READY, HEARTBEAT), leaseRenewed, GRACE,
                NOT_READY.plus(GRACE));
        assertThat(verdict.loss()).hasValueSatisfying(loss -> {
            assertThat(loss.node()).isEqualTo("gpu-a");
            assertThat(loss.lastHeartbeat()).isEqualTo(leaseRenewed);
            assertThat(loss.message()).contains("gpu-a", "unreachable", leaseRenewed.toString());
        });
        assertThat(NodeLoss.of(runningOn("gpu-a"), node("Unknown", NOT_READY, HEARTBEAT), null, GRACE, NOT_READY.plus(GRACE)).loss())
                .hasValueSatisfying(loss -> assertThat(loss.lastHeartbeat()).as("without the Lease: the node status heartbeat").isEqualTo(HEARTBEAT));
    }

    @Test
    void podWhoseNodeWasDeletedIsLostAtOnceSinceItWasMarkedNotReady() {
        Pod pod = runningOn("gpu-a");
        pod.getStatus().getConditions().add(new PodConditionBuilder().withType("Ready").withStatus("False")
                .withLastTransitionTime(NOT_READY.toString()).build());
        assertThat(NodeLoss.of(pod, null, null, GRACE, NOT_READY.plusSeconds(5)).loss())
                .hasValueSatisfying(loss -> assertThat(loss.lastHeartbeat()).isEqualTo(NOT_READY));
    }

    @Test
    void finishedPodOrOneWhoseTrainerExitedIsNeverLost() {
        Pod succeeded = runningOn("gpu-a");
        succeeded.getStatus().setPhase("Succeeded");
        assertThat(NodeLoss.of(succeeded, null, null, GRACE, NOT_READY.plusSeconds(600)).loss()).isEmpty();
        Pod exited = runningOn("gpu-a");
        exited.getStatus().getContainerStatuses().get(0).getState().setRunning(null);
        exited.getStatus().getContainerStatuses().get(0).setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                .withNewTerminated().withExitCode(75).endTerminated().build());
        assertThat(NodeLoss.of(exited, node("Unknown", NOT_READY, HEARTBEAT), null, GRACE, NOT_READY.plusSeconds(600)).loss()).isEmpty();
    }

    @Test
    void attemptOnALostNodeIsDisruptedAndBilledToTheLastHeartbeatEvenOnceItsJobIsBeingDeleted() {
        Job job = new JobBuilder().withNewMetadata().withName("s-trainer-1").withDeletionTimestamp(NOT_READY.plusSeconds(70).toString())
                .endMetadata().withNewStatus().endStatus().build();
        NodeLoss loss = new NodeLoss("gpu-a", HEARTBEAT, "node gpu-a is unreachable");
        AttemptState state = AttemptClassifier.classify(job, runningOn("gpu-a"), loss);
        assertThat(state.end()).isEqualTo(End.DISRUPTED);
        assertThat(state.reason()).isEqualTo(EndReason.NODE_LOST.reason());
        assertThat(state.finishedAt()).isEqualTo(HEARTBEAT);
        assertThat(state.elapsedSeconds(NOT_READY.plusSeconds(3600))).isEqualTo(20 * 60.0);
    }
}
