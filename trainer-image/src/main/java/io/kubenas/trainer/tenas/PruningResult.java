package io.kubenas.trainer.tenas;

import io.kubenas.api.v1alpha1.TenasStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link TenasPruner#prune} found.
 *
 * @param status rounds, seconds, survivors per layer and every candidate's scores, as reported in status
 * @param active the final mask per layer, in candidate order
 * @param ntkEvaluations condition numbers computed
 * @param millisPerNtk mean wall time of one κ (forward, N backward passes, eigenvalues)
 * @param regionEvaluations linear-region counts computed
 * @param millisPerRegions mean wall time of one R (all its batches)
 */
public record PruningResult(TenasStatus status, List<boolean[]> active, int ntkEvaluations, double millisPerNtk,
        int regionEvaluations, double millisPerRegions) {

    public PruningResult {
        List<boolean[]> copy = new ArrayList<>();
        active.forEach(mask -> copy.add(mask.clone()));
        active = List.copyOf(copy);
    }

    /** Indices of the candidates layer {@code layer} kept. */
    public List<Integer> survivorIndices(int layer) {
        boolean[] mask = active.get(layer);
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < mask.length; c++) {
            if (mask[c]) {
                kept.add(c);
            }
        }
        return kept;
    }

    /** Names of the candidates each layer kept (the same as {@code status().getSurvivors()}). */
    public List<List<String>> survivors() {
        return status.getSurvivors();
    }
}
