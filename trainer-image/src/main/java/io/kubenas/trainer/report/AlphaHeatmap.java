package io.kubenas.trainer.report;

import io.kubenas.api.progress.history.EarlyFix;
import io.kubenas.api.progress.history.EpochRecord;
import io.kubenas.api.progress.history.HistoryLayer;
import io.kubenas.api.progress.history.SearchHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * The architecture distribution over epochs: one row per (layer, candidate), one column per epoch, the probability in
 * each cell; the winner of each layer marked, and where early fixing fixed a layer.
 *
 * @param epochs the epoch numbers of the columns
 * @param rows the rows, layer by layer, candidates in the layer's order
 * @param cells {@code [column, row, probability]}
 * @param fixes {@code [column, row]} of the first epoch each fixed layer trained fixed, on its fixed candidate's row
 */
record AlphaHeatmap(List<Integer> epochs, List<Row> rows, List<List<Number>> cells, List<List<Integer>> fixes) {

    /**
     * @param label e.g. {@code L3 shuffle5x5}
     * @param winner true for the candidate the child took on this layer
     */
    record Row(int layer, String candidate, String label, boolean winner) {
    }

    /** @param winners the child's op per layer, or null to take each layer's choice at the last epoch */
    static AlphaHeatmap of(SearchHistory history, List<String> winners) {
        List<EpochRecord> records = history.getEpochs();
        if (records.isEmpty()) {
            return null;
        }
        List<String> chosen = winners != null ? winners
                : records.get(records.size() - 1).getLayers().stream().map(l -> l.getChoice()).toList();
        List<Row> rows = new ArrayList<>();
        List<Integer> firstRow = new ArrayList<>();
        for (HistoryLayer layer : history.getLayers()) {
            firstRow.add(rows.size());
            for (String candidate : layer.getCandidates()) {
                rows.add(new Row(layer.getLayer(), candidate, "L" + layer.getLayer() + " " + candidate,
                        candidate.equals(chosen.get(layer.getLayer()))));
            }
        }
        List<List<Number>> cells = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        for (int column = 0; column < records.size(); column++) {
            EpochRecord record = records.get(column);
            epochs.add(record.getEpoch());
            for (int layer = 0; layer < record.getLayers().size(); layer++) {
                List<Double> p = record.getLayers().get(layer).getProbabilities();
                for (int c = 0; c < p.size(); c++) {
                    cells.add(List.of(column, firstRow.get(layer) + c, p.get(c)));
                }
            }
        }
        return new AlphaHeatmap(epochs, rows, cells, fixes(history, epochs, firstRow));
    }

    /** A fix at the start of epoch k is drawn on column k; one whose epoch has no record yet is left to the timeline. */
    private static List<List<Integer>> fixes(SearchHistory history, List<Integer> epochs, List<Integer> firstRow) {
        List<List<Integer>> fixes = new ArrayList<>();
        for (EarlyFix fix : history.getEarlyFixes()) {
            int column = epochs.indexOf(fix.getEpoch());
            int candidate = history.getLayers().get(fix.getLayer()).getCandidates().indexOf(fix.getOp());
            if (column >= 0 && candidate >= 0) {
                fixes.add(List.of(column, firstRow.get(fix.getLayer()) + candidate));
            }
        }
        return fixes;
    }
}
