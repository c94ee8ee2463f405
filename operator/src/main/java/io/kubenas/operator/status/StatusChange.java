package io.kubenas.operator.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import java.util.List;
import java.util.Objects;

/**
 * How a new status differs from the one stored: not at all, only in its live figures, or meaningfully.
 *
 * <p>Live figures move with every progress report of a running trainer (about every 5 s) or with the clock: the
 * step, loss, throughput and validation accuracy of the current epoch, the α probabilities (not the chosen op, nor
 * whether a layer is fixed), the budget's seconds used, TE-NAS's elapsed seconds. Writing status for each of them
 * would cost the API server a write per search every few seconds; they are written at a bounded rate instead.
 * Everything else (phase, conditions, stage, epoch, best accuracy, checkpoints, attempts, child, serving) is written
 * as soon as it changes, so {@code kubectl get nas -w} moves at least once per epoch.
 */
public enum StatusChange {
    NONE,
    LIVE_FIGURES_ONLY,
    MEANINGFUL;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LIVE_PROGRESS = List.of("step", "loss", "imagesPerSecond", "validationAccuracy", "updatedAt");
    private static final List<String> LIVE_BUDGET = List.of("deviceSecondsUsed", "wallSeconds", "used");

    public static StatusChange between(NasSearchStatus stored, NasSearchStatus next) {
        if (Objects.equals(stored, next)) {
            return NONE;
        }
        if (stored == null || next == null) {
            return MEANINGFUL;
        }
        return withoutLiveFigures(stored).equals(withoutLiveFigures(next)) ? LIVE_FIGURES_ONLY : MEANINGFUL;
    }

    private static JsonNode withoutLiveFigures(NasSearchStatus status) {
        ObjectNode tree = JSON.valueToTree(status);
        remove(tree.get("progress"), LIVE_PROGRESS);
        remove(tree.get("budget"), LIVE_BUDGET);
        remove(tree.get("tenas"), List.of("seconds"));
        JsonNode layers = tree.path("architecture").path("layers");
        layers.forEach(layer -> remove(layer, List.of("probabilities")));
        return tree;
    }

    private static void remove(JsonNode node, List<String> fields) {
        if (node instanceof ObjectNode object) {
            object.remove(fields);
        }
    }
}
