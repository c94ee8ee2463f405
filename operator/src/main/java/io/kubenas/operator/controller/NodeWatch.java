package io.kubenas.operator.controller;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.operator.dependent.SearchObjects;
import io.kubenas.operator.policy.AttemptClassifier;
import io.kubenas.operator.policy.NodeLoss;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The nodes trainer pods run on: an informer on Nodes (a node's readiness changing, or the node being deleted,
 * reconciles the searches with a live trainer pod there) and, once a node is not Ready, one read of its Lease in
 * {@code kube-node-lease}: a kubelet renews its Lease every few seconds but may post node status only every few
 * minutes, so the Lease dates the last heartbeat best.
 */
final class NodeWatch {
    static final String NAME = "trainer-nodes";
    private static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
    private static final Logger LOG = Logger.getLogger(NodeWatch.class);

    private final boolean enabled;
    private final Duration grace;
    /** Lease renewals read per node and NotReady transition: a silent node's Lease does not change. */
    private final Map<String, Instant> leaseRenewals = new ConcurrentHashMap<>();
    private volatile boolean leasesReadable = true;

    /** @param enabled false when the operator may not read Nodes: no pod counts as lost then */
    NodeWatch(boolean enabled, Duration grace) {
        this.enabled = enabled;
        this.grace = grace;
    }

    /** The Node informer; {@code pods} (the trainer pods' informer) maps a node to the searches running there. */
    static InformerEventSource<Node, NasSearch> eventSource(EventSourceContext<NasSearch> context, InformerEventSource<Pod, NasSearch> pods) {
        InformerEventSourceConfiguration<Node> nodes = InformerEventSourceConfiguration.from(Node.class, NasSearch.class)
                .withName(NAME)
                .withWatchAllNamespaces()
                // Heartbeats rewrite node status every few seconds; only readiness matters here.
                .withOnUpdateFilter((now, before) -> !Objects.equals(readiness(now), readiness(before)))
                .withSecondaryToPrimaryMapper(node -> pods
                        .list(pod -> node.getMetadata().getName().equals(pod.getSpec().getNodeName()) && AttemptClassifier.alive(pod))
                        .map(pod -> new ResourceID(pod.getMetadata().getLabels().get(SearchObjects.LABEL_SEARCH), pod.getMetadata().getNamespace()))
                        .collect(Collectors.toSet()))
                .build();
        return new InformerEventSource<>(nodes, context);
    }

    /** Whether {@code pod}'s node is lost, from the informer's cache (and the node's Lease once it is not Ready). */
    NodeLoss.Verdict check(Pod pod, Context<NasSearch> context, Instant now) {
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (!enabled || nodeName == null || !AttemptClassifier.alive(pod)) {
            return NodeLoss.Verdict.FINE;
        }
        @SuppressWarnings("unchecked")
        InformerEventSource<Node, NasSearch> nodes = (InformerEventSource<Node, NasSearch>) context.eventSourceRetriever()
                .getEventSourceFor(Node.class, NAME);
        Node node = nodes.get(new ResourceID(nodeName)).orElse(null);
        String readiness = readiness(node);
        Instant renewed = "True".equals(readiness) ? null : leaseRenewed(context.getClient(), nodeName, readiness);
        return NodeLoss.of(pod, node, renewed, grace, now);
    }

    private Instant leaseRenewed(KubernetesClient client, String node, String readiness) {
        if (!leasesReadable) {
            return null;
        }
        String key = node + "/" + readiness;
        Instant known = leaseRenewals.get(key);
        if (known != null) {
            return known;
        }
        try {
            Lease lease = client.leases().inNamespace(NODE_LEASE_NAMESPACE).withName(node).get();
            Instant renewed = lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null ? null
                    : lease.getSpec().getRenewTime().toInstant();
            if (renewed != null) {
                leaseRenewals.keySet().removeIf(k -> k.startsWith(node + "/"));
                leaseRenewals.put(key, renewed);
            }
            return renewed;
        } catch (KubernetesClientException e) {
            // Without the chart's Role in kube-node-lease the node's own heartbeat time is used (it may be older).
            leasesReadable = e.getCode() != 403;
            LOG.infof("cannot read the Lease of node %s (%s): billing of a lost node's pod stops at the node's status heartbeat", node,
                    e.getMessage());
            return null;
        }
    }

    /** The node's Ready condition as status and transition time; null for a node not seen. */
    private static String readiness(Node node) {
        if (node == null || node.getStatus() == null || node.getStatus().getConditions() == null) {
            return null;
        }
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(c -> c.getStatus() + "@" + c.getLastTransitionTime()).findFirst().orElse("none");
    }
}
