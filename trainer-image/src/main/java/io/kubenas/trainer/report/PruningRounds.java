package io.kubenas.trainer.report;

import io.kubenas.api.v1alpha1.CandidateScore;
import io.kubenas.api.v1alpha1.TenasStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * TE-NAS's pruning, round by round: every scored candidate's Δκ and ΔR, their ranks, and which one each layer lost.
 *
 * @param rounds in order
 * @param survivors the candidates each layer kept
 * @param seconds wall seconds the pruning took
 */
record PruningRounds(List<Round> rounds, List<List<String>> survivors, Double seconds) {

    record Round(int round, List<CandidateScore> candidates) {
    }

    static PruningRounds of(TenasStatus pruning) {
        if (pruning == null || pruning.getScores() == null || pruning.getScores().isEmpty()) {
            return null;
        }
        Map<Integer, List<CandidateScore>> byRound = pruning.getScores().stream()
                .collect(Collectors.groupingBy(CandidateScore::getRound, TreeMap::new, Collectors.toList()));
        List<Round> rounds = byRound.entrySet().stream().map(e -> new Round(e.getKey(), e.getValue())).toList();
        return new PruningRounds(rounds, pruning.getSurvivors(), pruning.getSeconds());
    }
}
