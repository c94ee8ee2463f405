package io.kubenas.operator.policy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What Kueue says about a trainer Job, read from the Workload it made for it ({@code kueue.x-k8s.io/v1beta2}): why
 * the Job waits (its {@code QuotaReserved} condition while False: {@code Pending} with the quota it lacks, or
 * {@code Inadmissible}, e.g. a LocalQueue that does not exist) and why Kueue took a running Job's quota back
 * ({@code Evicted}: {@code Preempted}, {@code PodsReadyTimeout}, {@code InactiveWorkload}, ...). Kueue's own reasons
 * and messages are kept as they are: they are what a cluster's administrators search for.
 *
 * @param name the Workload's name
 * @param waitingReason the QuotaReserved=False reason, or null (quota reserved, or not yet looked at by Kueue)
 * @param waitingMessage its message
 * @param evictedReason the Evicted=True reason, or null
 * @param evictedMessage its message
 */
public record KueueWorkload(String name, String waitingReason, String waitingMessage, String evictedReason, String evictedMessage) {

    /** The Workload {@code workload} as Kueue's conditions describe it. */
    public static KueueWorkload of(GenericKubernetesResource workload) {
        Map<String, Object> quota = condition(workload, "QuotaReserved", "False");
        Map<String, Object> evicted = condition(workload, "Evicted", "True");
        return new KueueWorkload(workload.getMetadata().getName(),
                text(quota, "reason"), text(quota, "message"), text(evicted, "reason"), text(evicted, "message"));
    }

    /** Why the Job waits, as one phrase ("Pending: couldn't assign flavors ..."), or null when Kueue said nothing. */
    public String waiting() {
        return phrase(waitingReason, waitingMessage);
    }

    /** Why Kueue evicted the Job, as one phrase ("Preempted: Preempted to accommodate ..."), or null. */
    public String eviction() {
        return phrase(evictedReason, evictedMessage);
    }

    private static String phrase(String reason, String message) {
        if (reason == null) {
            return null;
        }
        return message == null || message.isBlank() ? reason : reason + ": " + message;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(GenericKubernetesResource workload, String type, String status) {
        Object statusField = workload.getAdditionalProperties().get("status");
        if (!(statusField instanceof Map<?, ?> map) || !(map.get("conditions") instanceof List<?> conditions)) {
            return null;
        }
        for (Object c : conditions) {
            if (c instanceof Map<?, ?> condition && type.equals(condition.get("type")) && status.equals(condition.get("status"))) {
                return (Map<String, Object>) condition;
            }
        }
        return null;
    }

    private static String text(Map<String, Object> condition, String key) {
        return condition == null ? null : Objects.toString(condition.get(key), null);
    }
}
