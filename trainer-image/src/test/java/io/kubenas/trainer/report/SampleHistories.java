package io.kubenas.trainer.report;

import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.progress.history.AttemptStart;
import io.kubenas.api.progress.history.CheckpointEvent;
import io.kubenas.api.progress.history.EarlyFix;
import io.kubenas.api.progress.history.EpochRecord;
import io.kubenas.api.progress.history.HistoryLayer;
import io.kubenas.api.progress.history.LayerAlpha;
import io.kubenas.api.progress.history.SearchHistory;
import io.kubenas.api.progress.history.StageChange;
import io.kubenas.api.progress.history.TestEvaluation;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.CandidateScore;
import io.kubenas.api.v1alpha1.Strategy;
import io.kubenas.api.v1alpha1.TenasStatus;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.ChildManifest;
import io.kubenas.trainer.data.Normalization;
import io.kubenas.trainer.searchspace.TestSpaces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Search histories written by hand for the report's unit tests: the tiny space (8 layers of 4 candidates), three
 * epochs, layer 0 fixed at the start of epoch 2, one TE-NAS round, three classes. Real runs' histories are tested where
 * they are written (SearchHistoryTest) and drawn (ReportCommandTest, the browser test).
 */
final class SampleHistories {
    static final List<String> CANDIDATES = List.of("shuffle3x3", "shuffle5x5", "shuffle7x7", "xception");
    static final List<String> CHILD_OPS = List.of("shuffle5x5", "shuffle3x3", "shuffle3x3", "xception", "shuffle7x7", "shuffle3x3",
            "shuffle3x3", "shuffle5x5");

    private SampleHistories() {
    }

    static SearchHistory finished(String name, List<String> classNames) {
        SearchHistory history = SearchHistory.builder()
                .formatVersion(SearchHistory.FORMAT_VERSION)
                .search(name)
                .strategy(Strategy.TENAS_DSNAS)
                .dataset("fashion-mnist")
                .totalEpochs(3)
                .targetAccuracy(0.9)
                .deviceSecondsLimit(3600.0)
                .build();
        for (int layer = 0; layer < 8; layer++) {
            history.getLayers().add(HistoryLayer.builder().layer(layer).candidates(CANDIDATES).build());
        }
        for (int epoch = 1; epoch <= 3; epoch++) {
            List<LayerAlpha> layers = new ArrayList<>();
            for (int layer = 0; layer < 8; layer++) {
                int winner = CANDIDATES.indexOf(CHILD_OPS.get(layer));
                double top = 0.25 + 0.1 * epoch;
                List<Double> p = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    p.add(c == winner ? top : (1 - top) / 3);
                }
                layers.add(LayerAlpha.builder().probabilities(p).choice(CHILD_OPS.get(layer)).fixed(layer == 0 && epoch >= 2).build());
            }
            history.getEpochs().add(EpochRecord.builder().epoch(epoch).stage(epoch == 3 ? TrainerStage.CHILD_TRAINING : TrainerStage.SEARCHING)
                    .attempt(1).step(100L * epoch).trainingLoss(2.0 / epoch).validationAccuracy(0.5 + 0.1 * epoch)
                    .deviceSeconds(60.0 * epoch).wallSeconds(60.0 * epoch).imagesPerSecond(900.0 + epoch).time(time(epoch * 60))
                    .layers(layers).build());
        }
        history.getAttempts().add(AttemptStart.builder().attempt(1).time(time(0)).epoch(0).step(0L).deviceSeconds(0.0).build());
        history.getStages().add(StageChange.builder().stage(TrainerStage.SEARCHING).epoch(0).step(0L).attempt(1).deviceSeconds(0.0).time(time(1)).build());
        history.getStages().add(StageChange.builder().stage(TrainerStage.CHILD_TRAINING).epoch(2).step(200L).attempt(1).deviceSeconds(120.0)
                .time(time(121)).build());
        history.getEarlyFixes().add(EarlyFix.builder().layer(0).op(CHILD_OPS.get(0)).probability(0.45).epoch(2).attempt(1).time(time(61)).build());
        for (int epoch = 1; epoch <= 3; epoch++) {
            history.getCheckpoints().add(CheckpointEvent.builder().name("ckpt-%06d-%010d".formatted(epoch, 100 * epoch)).epoch(epoch)
                    .step(100L * epoch).validationAccuracy(0.5 + 0.1 * epoch).attempt(1).deviceSeconds(60.0 * epoch).time(time(epoch * 60 + 1)).build());
        }
        history.setPruning(TenasStatus.builder().rounds(1).seconds(12.5).survivors(List.of(List.of("shuffle3x3", "shuffle5x5")))
                .scores(List.of(
                        score(0, "shuffle3x3", 0.2, 0.01, 1, 1, false),
                        score(0, "shuffle5x5", 0.1, 0.02, 2, 2, false),
                        score(0, "xception", -0.3, 0.05, 3, 3, true)))
                .build());
        List<List<Long>> confusion = List.of(List.of(8L, 1L, 1L), List.of(0L, 9L, 1L), List.of(2L, 0L, 8L));
        history.setTest(TestEvaluation.builder().split("test").images(30L).accuracy(25 / 30.0).classNames(classNames).confusion(confusion)
                .time(time(200)).build());
        return history;
    }

    static ChildArchitecture child(String name, List<String> classNames) {
        ResolvedSearchSpace space = TestSpaces.tiny().withClasses(classNames.size());
        return new ChildArchitecture(ChildManifest.FORMAT_VERSION, name, "fashion-mnist", space, CHILD_OPS, classNames,
                new Normalization(new float[] {0.29f}, new float[] {0.35f}), 25 / 30.0, "test");
    }

    private static CandidateScore score(int layer, String candidate, double ntk, double regions, int ntkRank, int regionsRank, boolean pruned) {
        return CandidateScore.builder().round(1).layer(layer).candidate(candidate).ntkDelta(ntk).regionsDelta(regions).ntkRank(ntkRank)
                .regionsRank(regionsRank).rankSum(ntkRank + regionsRank).pruned(pruned).build();
    }

    private static String time(int seconds) {
        return Instant.parse("2026-12-03T10:00:00Z").plusSeconds(seconds).toString();
    }
}
