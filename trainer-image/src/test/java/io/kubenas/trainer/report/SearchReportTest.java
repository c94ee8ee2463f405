package io.kubenas.trainer.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.searchspace.NetworkCost;
import io.kubenas.trainer.searchspace.TestSpaces;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the report draws, shaped from a search history and its child. */
class SearchReportTest {
    private static final List<String> CLASSES = List.of("T-shirt", "Trouser", "Bag");

    private final SearchHistory history = SampleHistories.finished("demo", CLASSES);
    private final ChildArchitecture child = SampleHistories.child("demo", CLASSES);

    @Test
    void theHeatmapHasACellPerCandidateAndEpochMarksTheChildsChoiceAndWhereALayerWasFixed() throws Exception {
        AlphaHeatmap alpha = SearchReport.of(history, child).alpha();

        assertThat(alpha.epochs()).containsExactly(1, 2, 3);
        assertThat(alpha.rows()).hasSize(32);
        assertThat(alpha.cells()).hasSize(3 * 32);
        assertThat(alpha.rows().stream().filter(AlphaHeatmap.Row::winner).map(r -> r.candidate()).toList()).isEqualTo(SampleHistories.CHILD_OPS);
        // Layer 0 was fixed to shuffle5x5 at the start of epoch 2: column 1, row 1 (its second candidate).
        assertThat(alpha.fixes()).containsExactly(List.of(1, 1));
        assertThat(alpha.cells()).contains(List.of(2, 1, 0.25 + 0.1 * 3));
    }

    @Test
    void accuracyIsDrawnAgainstDeviceHoursWithTheTargetTheBudgetAndTheTestAccuracy() throws Exception {
        AccuracyCurve accuracy = SearchReport.of(history, child).accuracy();

        assertThat(accuracy.points()).extracting(p -> p.get(0).doubleValue()).containsExactly(0.016667, 0.033333, 0.05);
        assertThat(accuracy.points()).extracting(p -> p.get(2)).containsExactly(1, 2, 3);
        assertThat(accuracy.targetAccuracy()).isEqualTo(0.9);
        assertThat(accuracy.budgetDeviceHours()).isEqualTo(1.0);
        assertThat(accuracy.test()).containsExactly(0.05, 25 / 30.0);
    }

    @Test
    void theChildsDiagramAddsUpToTheCostOfItsPath() throws Exception {
        ChildDiagram diagram = SearchReport.of(history, child).child();

        assertThat(diagram.blocks()).extracting(ChildDiagram.Block::name)
                .containsExactly("stem", "L0", "L1", "L2", "L3", "L4", "L5", "L6", "L7", "tail", "classifier");
        assertThat(diagram.blocks().subList(1, 9)).extracting(ChildDiagram.Block::op).isEqualTo(SampleHistories.CHILD_OPS);
        int[] path = SampleHistories.CHILD_OPS.stream().mapToInt(SampleHistories.CANDIDATES::indexOf).toArray();
        NetworkCost cost = NetworkCost.ofPath(TestSpaces.tiny().withClasses(3), path);
        assertThat(diagram.parameters()).isEqualTo(cost.parameters());
        assertThat(diagram.flops()).isEqualTo(cost.flops());
        ChildDiagram.Block first = diagram.blocks().get(1);
        assertThat(first.inChannels()).isEqualTo(TestSpaces.tiny().layers().get(0).inChannels());
        assertThat(first.stride()).isEqualTo(TestSpaces.tiny().layers().get(0).stride());
        assertThat(diagram.blocks().get(10).outChannels()).isEqualTo(3);
    }

    @Test
    void theConfusionMatrixHasACellPerPairOfClasses() throws Exception {
        ConfusionChart confusion = SearchReport.of(history, child).confusion();

        assertThat(confusion.classes()).isEqualTo(CLASSES);
        assertThat(confusion.cells()).hasSize(9).contains(List.of(0, 2, 2L), List.of(1, 1, 9L));
        assertThat(confusion.maxCount()).isEqualTo(9);
    }

    @Test
    void pruningRoundsKeepEveryCandidatesDeltasAndRanks() throws Exception {
        PruningRounds pruning = SearchReport.of(history, child).pruning();

        assertThat(pruning.rounds()).singleElement().satisfies(round -> {
            assertThat(round.round()).isEqualTo(1);
            assertThat(round.candidates()).hasSize(3);
            assertThat(round.candidates().get(2).getPruned()).isTrue();
            assertThat(round.candidates().get(2).getRankSum()).isEqualTo(6);
        });
    }

    @Test
    void theTimelineHoldsEveryCheckpointAttemptStageAndFixInTimeOrder() throws Exception {
        CheckpointTimeline timeline = SearchReport.of(history, child).timeline();

        assertThat(timeline.events()).hasSize(1 + 2 + 1 + 3);
        assertThat(timeline.events()).extracting(e -> Instant.parse(e.time())).isSorted();
        assertThat(timeline.events().stream().filter(e -> e.lane() == 3).map(CheckpointTimeline.Event::label))
                .containsExactly("ckpt-000001-0000000100", "ckpt-000002-0000000200", "ckpt-000003-0000000300");
    }

    @Test
    void aSearchWithoutAChildYetLeavesOutTheDiagramAndTheConfusionMatrix() throws Exception {
        history.setTest(null);
        SearchReport report = SearchReport.of(history, null);

        assertThat(report.charts()).containsExactly("alpha", "accuracy", "training", "pruning", "timeline");
        assertThat(report.alpha().rows().stream().filter(AlphaHeatmap.Row::winner).map(r -> r.candidate()).toList())
                .as("without a child, each layer's choice at the last epoch").isEqualTo(SampleHistories.CHILD_OPS);
    }

    @Test
    void aFinishedTenasSearchHasEveryChart() throws Exception {
        assertThat(SearchReport.of(history, child).charts())
                .containsExactly("alpha", "accuracy", "training", "child", "pruning", "confusion", "timeline");
    }
}
