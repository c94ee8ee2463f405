package io.kubenas.operator.policy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A trainer pod whose node stopped heartbeating: Kubernetes keeps such a pod {@code Running} (and, once evicted,
 * terminating) for as long as the node is gone, since nobody can confirm that its process stopped. The operator
 * does not wait for that: once the node has not been Ready for the grace, the attempt counts as disrupted (it does
 * not use a restart), billing stops at the node's last heartbeat, and the next attempt may start on another node.
 *
 * @param node the node's name
 * @param lastHeartbeat the node's last sign of life (its Lease renewal or its Ready condition's heartbeat, the
 *        later), null when unknown
 * @param message what happened, for status
 */
public record NodeLoss(String node, Instant lastHeartbeat, String message) {

    /**
     * Where a pod bound to a node stands: lost, or when to look again (the node is NotReady but within the grace).
     *
     * @param loss the loss, when the node is lost
     * @param recheckAt when the grace of a NotReady node runs out, when it is NotReady but not yet lost
     */
    public record Verdict(Optional<NodeLoss> loss, Instant recheckAt) {
        public static final Verdict FINE = new Verdict(Optional.empty(), null);
    }

    /**
     * Whether {@code pod}'s node is lost.
     *
     * @param node the pod's node as last seen, null when it no longer exists (the machine is gone)
     * @param leaseRenewed when the node's Lease was last renewed, null when unknown
     * @param grace how long a node may be NotReady before its pods count as lost
     */
    public static Verdict of(Pod pod, Node node, Instant leaseRenewed, Duration grace, Instant now) {
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName == null || !AttemptClassifier.alive(pod) || AttemptClassifier.trainerHasTerminated(pod)) {
            return Verdict.FINE;
        }
        if (node == null) {
            Instant heartbeat = latest(leaseRenewed, podNotReadySince(pod));
            return lost(nodeName, heartbeat, "node " + nodeName + " was deleted while the trainer pod ran on it"
                    + (heartbeat == null ? "" : "; last heard of at " + heartbeat));
        }
        NodeCondition ready = node.getStatus() == null || node.getStatus().getConditions() == null ? null
                : node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
        if (ready == null || "True".equals(ready.getStatus())) {
            return Verdict.FINE;
        }
        Instant notReadySince = AttemptClassifier.time(ready.getLastTransitionTime());
        Instant lostAt = notReadySince == null ? now : notReadySince.plus(grace);
        if (now.isBefore(lostAt)) {
            return new Verdict(Optional.empty(), lostAt);
        }
        Instant heartbeat = latest(leaseRenewed, AttemptClassifier.time(ready.getLastHeartbeatTime()));
        if (heartbeat != null && heartbeat.isAfter(now)) {
            heartbeat = now;
        }
        return lost(nodeName, heartbeat, "node " + nodeName + " is " + ("Unknown".equals(ready.getStatus()) ? "unreachable" : "not ready")
                + " since " + notReadySince + (ready.getReason() == null ? "" : " (" + ready.getReason() + ")")
                + (heartbeat == null ? "" : "; its last heartbeat was at " + heartbeat) + ": the attempt is given up there");
    }

    private static Verdict lost(String node, Instant heartbeat, String message) {
        return new Verdict(Optional.of(new NodeLoss(node, heartbeat, message)), null);
    }

    /** When the node-lifecycle controller marked the pod not Ready (it does so when the pod's node goes silent). */
    private static Instant podNotReadySince(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null || pod.getStatus().getConditions() == null ? List.of()
                : pod.getStatus().getConditions();
        return conditions.stream().filter(c -> "Ready".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(c -> AttemptClassifier.time(c.getLastTransitionTime())).findFirst().orElse(null);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
