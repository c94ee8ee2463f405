package io.kubenas.operator.controller;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a reconcile failed because the search's namespace is being deleted. The namespace controller deletes a
 * namespace's objects in no particular order, so a search can see its Job or ConfigMaps gone before it is deleted
 * itself, and every object it then re-creates is refused (403, cause NamespaceTerminating). Retrying is pointless:
 * the search goes too (seen on a real API server; the mock server had no namespace controller).
 */
final class NamespaceTermination {
    static final String CAUSE = "NamespaceTerminating";

    private NamespaceTermination() {
    }

    static boolean causedBy(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = new HashSet<>();
        if (failure != null) {
            pending.push(failure);
        }
        while (!pending.isEmpty()) {
            Throwable t = pending.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof KubernetesClientException k && refusedForTermination(k.getStatus())) {
                return true;
            }
            if (t instanceof AggregatedOperatorException aggregated) {
                aggregated.getAggregatedExceptions().values().forEach(pending::push);
            }
            if (t.getCause() != null) {
                pending.push(t.getCause());
            }
        }
        return false;
    }

    private static boolean refusedForTermination(Status status) {
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return false;
        }
        return status.getDetails().getCauses().stream().map(StatusCause::getReason).anyMatch(CAUSE::equals);
    }
}
