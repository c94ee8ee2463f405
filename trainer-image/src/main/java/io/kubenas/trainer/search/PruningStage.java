package io.kubenas.trainer.search;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.progress.TrainerStage;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.api.v1alpha1.CandidateScore;
import io.kubenas.api.v1alpha1.Strategy;
import io.kubenas.api.v1alpha1.TenasSpec;
import io.kubenas.api.v1alpha1.TenasStatus;
import io.kubenas.trainer.data.DatasetSplits;
import io.kubenas.trainer.manifested.DurableFiles;
import io.kubenas.trainer.tenas.PrunableNetwork;
import io.kubenas.trainer.tenas.PrunableSupernet;
import io.kubenas.trainer.tenas.PruningResult;
import io.kubenas.trainer.tenas.PruningSettings;
import io.kubenas.trainer.tenas.TenasPruner;
import io.kubenas.trainer.tenas.TrainingImageSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * TE-NAS before any training, for the strategies {@code TENAS} (prune to one candidate per layer: the child is
 * decided, and the training that follows is plain training of that child) and {@code TENAS_DSNAS} (prune to
 * {@code spec.tenas.survivorsPerLayer}, then DSNAS searches the survivors).
 *
 * <p>The scores are computed on thin copies of the space ({@code spec.tenas.widthMultiplier} for the NTK, a
 * quarter of that for the linear regions), one worker per core. The result is written to the work dir before
 * training starts: a resumed attempt reads it back and trains exactly the same space without pruning again (the
 * pruning is deterministic for a seed, but minutes of it would be spent twice).
 */
final class PruningStage {
    static final String RESULT_FILE = "tenas-pruning.json";
    private static final Logger LOG = Logger.getLogger(PruningStage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param space the space training will use
     * @param status the pruning's rounds, scores, survivors and seconds (null when the strategy does not prune)
     * @param secondsSpent wall seconds this attempt spent pruning (0 when the result was read back)
     */
    record Pruned(ResolvedSearchSpace space, TenasStatus status, double secondsSpent) {
    }

    private PruningStage() {
    }

    static boolean applies(Strategy strategy) {
        return strategy == Strategy.TENAS || strategy == Strategy.TENAS_DSNAS;
    }

    /** The space to train: pruned (or read back from an earlier attempt) when the strategy asks for TE-NAS. */
    static Pruned prune(SearchPlan plan, ResolvedSearchSpace space, DatasetSplits splits, RunEnvironment env) throws IOException {
        if (!applies(plan.strategy())) {
            return new Pruned(space, null, 0);
        }
        Path file = env.workDir().resolve(RESULT_FILE);
        Optional<TenasStatus> earlier = read(file);
        if (earlier.isPresent()) {
            LOG.infof("TE-NAS: pruning of an earlier attempt read from %s; survivors %s", file, earlier.get().getSurvivors());
            return new Pruned(restrict(space, earlier.get().getSurvivors()), earlier.get(), 0);
        }
        PruningSettings settings = settings(plan);
        double width = option(plan.tenas() == null ? null : plan.tenas().getWidthMultiplier(), 0.25);
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        LOG.infof("TE-NAS: pruning %d layers to %d candidate(s) each (NTK copy width %.3f, batch %d, %d repeats, %d workers)",
                space.layers().size(), settings.survivors(), width, settings.ntkBatchSize(), settings.repeats(), workers);
        report(env, TenasStatus.builder().rounds(0).seconds(0.0).build(), "TE-NAS pruning started");
        PruningResult result;
        try (NDManager manager = NDManager.newBaseManager()) {
            List<PrunableNetwork> ntk = new ArrayList<>();
            List<PrunableNetwork> regions = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                ntk.add(PrunableSupernet.forNtk(space, width, manager));
                regions.add(PrunableSupernet.forRegions(space, width / 4, settings.cropSize(), manager));
            }
            TenasPruner pruner = new TenasPruner(ntk, regions, new TrainingImageSampler(splits.train(), splits.normalization()), settings);
            List<CandidateScore> soFar = new ArrayList<>();
            result = pruner.prune(manager, (round, scores, seconds) -> {
                soFar.addAll(scores);
                LOG.infof("TE-NAS: round %d done after %.1f s", round, seconds);
                report(env, TenasStatus.builder().rounds(round).seconds(ProgressTracker.round(seconds, 1)).scores(List.copyOf(soFar)).build(),
                        "TE-NAS pruning: round " + round + " done");
            });
        }
        TenasStatus status = result.status();
        // Whole or absent, never half-written: a resumed attempt trusts what it finds.
        DurableFiles.replaceAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(status));
        LOG.infof("TE-NAS: %d rounds in %.1f s; survivors %s", status.getRounds(), status.getSeconds(), status.getSurvivors());
        return new Pruned(restrict(space, status.getSurvivors()), status, status.getSeconds());
    }

    /** The spec's pruning settings (schema defaults where a field is unset); TENAS always keeps one candidate. */
    static PruningSettings settings(SearchPlan plan) {
        TenasSpec spec = plan.tenas() == null ? new TenasSpec() : plan.tenas();
        PruningSettings paper = PruningSettings.defaults(plan.seed());
        int survivors = plan.strategy() == Strategy.TENAS ? 1 : (int) option(spec.getSurvivorsPerLayer(), 2);
        return paper.withSurvivors(survivors)
                .withRepeats((int) option(spec.getRepeats(), paper.repeats()))
                .withNtkBatchSize((int) option(spec.getNtkBatchSize(), paper.ntkBatchSize()))
                .withRegionSamples((int) option(spec.getRegionSamples(), paper.regionSamples()), paper.regionBatches())
                .withFlopsTieBreak(spec.getFlopsTieBreak() != null && spec.getFlopsTieBreak());
    }

    private static double option(Number value, double fallback) {
        return value == null ? fallback : value.doubleValue();
    }

    static ResolvedSearchSpace restrict(ResolvedSearchSpace space, List<List<String>> survivors) {
        List<List<Candidate>> perLayer = survivors.stream().map(names -> names.stream().map(Candidate::fromWireName).toList()).toList();
        return space.restrictedTo(perLayer);
    }

    private static Optional<TenasStatus> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            TenasStatus status = JSON.readValue(file.toFile(), TenasStatus.class);
            return status.getSurvivors() == null ? Optional.empty() : Optional.of(status);
        } catch (IOException e) {
            // Written atomically, so unreadable means foreign or damaged: pruning again is always safe.
            LOG.warnf("TE-NAS: ignoring unreadable %s (%s); pruning again", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static void report(RunEnvironment env, TenasStatus status, String message) {
        env.reporter().reportNow(TrainerProgress.builder()
                .stage(TrainerStage.PRUNING)
                .outcome(TrainerOutcome.RUNNING)
                .attempt(env.attempt())
                .message(message)
                .tenas(status)
                .build());
    }
}
