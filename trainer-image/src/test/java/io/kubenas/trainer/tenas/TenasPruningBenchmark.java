package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.space.SearchSpaceResolver;
import io.kubenas.api.v1alpha1.SearchSpacePreset;
import io.kubenas.api.v1alpha1.SearchSpaceSpec;
import io.kubenas.trainer.data.FashionMnistReader;
import io.kubenas.trainer.data.ImageSet;
import io.kubenas.trainer.data.Normalization;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: times pruning the real {@code tiny} space (8 layers × 4 candidates, Fashion-MNIST) to one
 * candidate per layer. Run with {@code -Dkubenas.benchmark=true}; {@code -Dbatch} (NTK batch, 32),
 * {@code -Drepeats} (3), {@code -Dwidth} (NTK copy, 0.25), {@code -Dregion.width} (0.0625) and
 * {@code -Dworkers} (1) change the settings. Prints wall seconds and the process's CPU seconds: on a busy
 * machine CPU seconds ÷ workers estimates the wall time on idle cores.
 */
@EnabledIfSystemProperty(named = "kubenas.benchmark", matches = "true")
class TenasPruningBenchmark {

    @Test
    void pruneTheTinySpaceToOneCandidatePerLayer() {
        Assertions.assertTrue(Files.isRegularFile(FashionMnistReader.DEFAULT_DIR.resolve(FashionMnistReader.TRAIN_IMAGES)),
                "Fashion-MNIST is not installed: apt-get install -y " + FashionMnistReader.DEBIAN_PACKAGE);
        ImageSet train = new FashionMnistReader(FashionMnistReader.DEFAULT_DIR).read().train();
        ResolvedSearchSpace tiny = SearchSpaceResolver.resolve(SearchSpaceSpec.builder().preset(SearchSpacePreset.TINY).build(), InputShape.FASHION_MNIST);
        double width = Double.parseDouble(System.getProperty("width", "0.25"));
        double regionWidth = Double.parseDouble(System.getProperty("region.width", "0.0625"));
        int workers = Integer.getInteger("workers", 1);
        PruningSettings settings = PruningSettings.defaults(7)
                .withNtkBatchSize(Integer.getInteger("batch", 32))
                .withRepeats(Integer.getInteger("repeats", 3));
        try (NDManager manager = NDManager.newBaseManager()) {
            List<PrunableNetwork> ntk = new ArrayList<>();
            List<PrunableNetwork> regions = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                ntk.add(PrunableSupernet.forNtk(tiny, width, manager));
                regions.add(PrunableSupernet.forRegions(tiny, regionWidth, settings.cropSize(), manager));
            }
            TenasPruner pruner = new TenasPruner(ntk, regions, new TrainingImageSampler(train, Normalization.computedFrom(train)), settings);
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            PruningResult result = pruner.prune(manager, (round, scores, seconds) -> System.out.printf("round %d done at %.1f s%n", round, seconds));
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            System.out.printf("tiny space, NTK copy %s (width %.3f), batch %d; region copy %s (width %.4f); %d repeats, %d workers: "
                    + "%.1f s wall, %.1f s process CPU; %d kappa at %.0f ms, %d R at %.0f ms (wall, per evaluation)%n",
                    channels(((PrunableSupernet) ntk.get(0)).space()), width, settings.ntkBatchSize(),
                    channels(((PrunableSupernet) regions.get(0)).space()), regionWidth, settings.repeats(), workers,
                    result.status().getSeconds(), cpuSeconds, result.ntkEvaluations(), result.millisPerNtk(), result.regionEvaluations(),
                    result.millisPerRegions());
            System.out.println("survivors: " + result.survivors());
            result.status().getScores().stream().filter(s -> s.getRound() == 1).forEach(s -> System.out.printf(
                    "  layer %d %-10s dK %+.4f dR %+.4f rank %d%s%n", s.getLayer(), s.getCandidate(), s.getNtkDelta(),
                    s.getRegionsDelta(), s.getRankSum(), s.getPruned() ? " pruned" : ""));
            assertThat(result.survivors()).allSatisfy(kept -> assertThat(kept).hasSize(1));
        }
    }

    private static String channels(ResolvedSearchSpace space) {
        return "stem " + space.stemChannels() + ", layers " + space.layers().stream().map(l -> String.valueOf(l.outChannels())).toList()
                + ", tail " + space.tailChannels();
    }
}
