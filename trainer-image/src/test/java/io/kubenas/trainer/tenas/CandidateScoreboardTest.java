package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.trainer.tenas.CandidateScoreboard.Delta;
import io.kubenas.trainer.tenas.CandidateScoreboard.Ranked;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateScoreboardTest {

    @Test
    void denseRanksShareTiesAndLeaveNoGaps() {
        Map<Double, Integer> descending = CandidateScoreboard.denseRanks(List.of(0.3, 0.1, 0.3, -0.2), true);
        assertThat(descending).containsEntry(0.3, 1).containsEntry(0.1, 2).containsEntry(-0.2, 3);
        Map<Double, Integer> ascending = CandidateScoreboard.denseRanks(List.of(0.3, 0.1, 0.3, -0.2), false);
        assertThat(ascending).containsEntry(-0.2, 1).containsEntry(0.1, 2).containsEntry(0.3, 3);
    }

    @Test
    void candidateWhoseRemovalHelpsTrainabilityAndCostsFewRegionsIsPruned() {
        List<Delta> deltas = List.of(
                new Delta(0, "shuffle3x3", 0, -0.10, 0.30, 1),
                new Delta(0, "xception", 3, 0.40, 0.01, 3), // removing it lowers κ a lot and loses few regions
                new Delta(1, "shuffle5x5", 1, 0.05, 0.20, 2),
                new Delta(1, "shuffle7x7", 2, 0.20, 0.05, 2));
        List<Ranked> ranked = CandidateScoreboard.rank(deltas);
        assertThat(ranked).extracting(Ranked::rankSum).containsExactly(8, 2, 6, 4);
        Map<Integer, Ranked> pruned = CandidateScoreboard.prunePerLayer(ranked, false);
        assertThat(pruned.get(0).delta().candidate()).isEqualTo("xception");
        assertThat(pruned.get(1).delta().candidate()).isEqualTo("shuffle7x7");
    }

    @Test
    void tiesOnTheLowestSumAreBrokenByFlopsWhenAskedThenByNtkDeltaThenByOrder() {
        List<Delta> tied = List.of(
                new Delta(0, "a", 0, 0.2, 0.1, 10),
                new Delta(0, "b", 1, 0.1, 0.0, 50));
        // ranks: a = 1 + 2, b = 2 + 1: tied at 3
        List<Ranked> ranked = CandidateScoreboard.rank(tied);
        assertThat(ranked).extracting(Ranked::rankSum).containsExactly(3, 3);
        assertThat(CandidateScoreboard.prunePerLayer(ranked, true).get(0).delta().candidate()).isEqualTo("b");
        assertThat(CandidateScoreboard.prunePerLayer(ranked, false).get(0).delta().candidate()).isEqualTo("a");

        List<Delta> identical = List.of(new Delta(0, "first", 0, 0.1, 0.1, 1), new Delta(0, "second", 1, 0.1, 0.1, 1));
        assertThat(CandidateScoreboard.prunePerLayer(CandidateScoreboard.rank(identical), false).get(0).delta().candidate())
                .isEqualTo("second");
    }
}
