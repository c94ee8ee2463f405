package io.kubenas.trainer.tenas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.kubenas.api.v1alpha1.CandidateScore;
import io.kubenas.api.v1alpha1.TenasStatus;
import io.kubenas.trainer.random.SplitMix64;
import io.kubenas.trainer.tenas.CandidateScoreboard.Delta;
import io.kubenas.trainer.tenas.CandidateScoreboard.Ranked;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * TE-NAS's training-free pruning search over a chain supernet (docs/algorithms.md §3).
 *
 * <p>All candidates start active (each layer outputs their mean). Each round scores every active
 * candidate c of every layer with more than one active: Δκ(c) = (κ(N) − κ(N∖c)) / κ(N) and
 * ΔR(c) = (R(N) − R(N∖c)) / R(N), each averaged over the repeats; {@link CandidateScoreboard} ranks them
 * and one candidate is pruned per layer that still has more than {@code survivors}. Rounds go on until
 * every layer is down to {@code survivors}.
 *
 * <p>Within a repeat, N and every N∖c share the same weights and inputs: the weights are drawn once per
 * (round, repeat) and only the active masks change. The TE-NAS reference draws fresh weights for each
 * candidate instead; sharing them (common random numbers) gives the same expectation with less noise
 * between the candidates being compared, and computes κ(N) and R(N) once per repeat rather than once per
 * candidate, which nearly halves the cost. Like the reference, each per-repeat delta is rounded to 10
 * decimals, so candidates that change nothing tie exactly.
 *
 * <p>Every draw derives from the settings' seed, so two runs with the same seed give the same result,
 * whatever the number of workers.
 *
 * <p>Cost: each round computes {@code repeats × (1 + scored candidates)} condition numbers, each one
 * forward and N backward passes through the whole batch (train-mode BatchNorm couples the samples), and as
 * many region counts of {@code regionBatches} forwards. κ dominates: keep the NTK copy thin and N small.
 */
public final class TenasPruner {

    /** Told after each round, e.g. to report progress (phase {@code Pruning}). */
    @FunctionalInterface
    public interface Listener {
        void roundFinished(int round, List<CandidateScore> scores, double secondsSoFar);
    }

    private static final long WEIGHTS = 1;
    private static final long NTK_BATCH = 2;
    private static final long REGION_WEIGHTS = 3;
    private static final long REGION_CROPS = 4;

    private final List<PrunableNetwork> ntkReplicas;
    private final List<PrunableNetwork> regionReplicas;
    private final PrunableNetwork ntkNetwork;
    private final TrainingImageSampler sampler;
    private final PruningSettings settings;
    private Timing ntkTiming = new Timing();
    private Timing regionTiming = new Timing();

    /**
     * One worker.
     *
     * @param ntkNetwork the copy whose NTK condition number is measured
     * @param regionNetwork the thin copy whose linear regions are counted (may be {@code ntkNetwork})
     */
    public TenasPruner(PrunableNetwork ntkNetwork, PrunableNetwork regionNetwork, TrainingImageSampler sampler,
            PruningSettings settings) {
        this(List.of(ntkNetwork), List.of(regionNetwork), sampler, settings);
    }

    /**
     * One worker thread per replica pair: worker w scores with {@code ntkReplicas[w]} and
     * {@code regionReplicas[w]}, separate networks of the same architecture (each gets the same weights from
     * {@link PrunableNetwork#reinitialize}). Use as many workers as cores: while pruning, the PyTorch engine
     * runs with one intra-op thread (see {@link PruningWorkers}) and its setting is restored afterwards.
     */
    public TenasPruner(List<? extends PrunableNetwork> ntkReplicas, List<? extends PrunableNetwork> regionReplicas,
            TrainingImageSampler sampler, PruningSettings settings) {
        if (ntkReplicas.isEmpty() || ntkReplicas.size() != regionReplicas.size()) {
            throw new IllegalArgumentException("need one region network per NTK network, got " + ntkReplicas.size() + " and "
                    + regionReplicas.size());
        }
        this.ntkReplicas = List.copyOf(ntkReplicas);
        this.regionReplicas = List.copyOf(regionReplicas);
        this.ntkNetwork = this.ntkReplicas.get(0);
        this.sampler = Objects.requireNonNull(sampler);
        this.settings = Objects.requireNonNull(settings);
        List<PrunableNetwork> all = new ArrayList<>(this.ntkReplicas);
        all.addAll(this.regionReplicas);
        for (PrunableNetwork other : all) {
            if (other.layerCount() != ntkNetwork.layerCount()) {
                throw new IllegalArgumentException("the networks have different layer counts");
            }
            for (int l = 0; l < ntkNetwork.layerCount(); l++) {
                if (!ntkNetwork.candidates(l).equals(other.candidates(l))) {
                    throw new IllegalArgumentException("layer " + l + " lists different candidates in two of the networks");
                }
            }
        }
    }

    /** Wall time summed over evaluations, from any worker. */
    private static final class Timing {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        double time(DoubleSupplier evaluation) {
            long t = System.nanoTime();
            double value = evaluation.getAsDouble();
            nanos.add(System.nanoTime() - t);
            count.increment();
            return value;
        }

        int count() {
            return count.intValue();
        }

        double meanMillis() {
            return count.sum() == 0 ? 0 : nanos.sum() / 1e6 / count.sum();
        }
    }

    /** {@link #prune(NDManager, Listener)} without a listener. */
    public PruningResult prune(NDManager manager) {
        return prune(manager, (round, scores, seconds) -> {
        });
    }

    /** Prunes until every layer keeps {@code survivors} candidates; inputs are created in {@code manager}. */
    public PruningResult prune(NDManager manager, Listener listener) {
        try (PruningWorkers workers = new PruningWorkers(ntkReplicas.size())) {
            return prune(manager, listener, workers);
        }
    }

    private PruningResult prune(NDManager manager, Listener listener, PruningWorkers workers) {
        long started = System.nanoTime();
        ntkTiming = new Timing();
        regionTiming = new Timing();
        int layers = ntkNetwork.layerCount();
        List<boolean[]> active = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            boolean[] all = new boolean[ntkNetwork.candidates(l).size()];
            Arrays.fill(all, true);
            active.add(all);
        }
        List<CandidateScore> scores = new ArrayList<>();
        int round = 0;
        while (needsPruning(active)) {
            round++;
            List<CandidateScore> roundScores = pruneOneRound(manager, round, active, workers);
            scores.addAll(roundScores);
            listener.roundFinished(round, roundScores, seconds(started));
        }
        TenasStatus status = TenasStatus.builder()
                .rounds(round)
                .seconds(seconds(started))
                .survivors(survivorNames(active))
                .scores(scores)
                .build();
        return new PruningResult(status, active, ntkTiming.count(), ntkTiming.meanMillis(), regionTiming.count(),
                regionTiming.meanMillis());
    }

    private List<CandidateScore> pruneOneRound(NDManager manager, int round, List<boolean[]> active, PruningWorkers workers) {
        List<int[]> scored = new ArrayList<>(); // (layer, candidate)
        for (int l = 0; l < active.size(); l++) {
            if (count(active.get(l)) > 1) {
                for (int c = 0; c < active.get(l).length; c++) {
                    if (active.get(l)[c]) {
                        scored.add(new int[] {l, c});
                    }
                }
            }
        }
        double[] ntkDelta = new double[scored.size()];
        double[] regionsDelta = new double[scored.size()];
        for (int r = 0; r < settings.repeats(); r++) {
            try (NDManager repeat = manager.newSubManager()) {
                double[] dk = ntkDeltas(repeat, round, r, active, scored, workers);
                double[] dr = regionDeltas(repeat, round, r, active, scored, workers);
                for (int i = 0; i < scored.size(); i++) {
                    ntkDelta[i] += dk[i] / settings.repeats();
                    regionsDelta[i] += dr[i] / settings.repeats();
                }
            }
        }
        List<Delta> deltas = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            int l = scored.get(i)[0];
            int c = scored.get(i)[1];
            deltas.add(new Delta(l, ntkNetwork.candidates(l).get(c), c, ntkDelta[i], regionsDelta[i], ntkNetwork.flops(l, c)));
        }
        List<Ranked> ranked = CandidateScoreboard.rank(deltas);
        // Ranks are global over every scored candidate; only layers above the wanted count lose one.
        List<Ranked> prunable = ranked.stream()
                .filter(r -> count(active.get(r.delta().layer())) > settings.survivors())
                .toList();
        Map<Integer, Ranked> pruned = CandidateScoreboard.prunePerLayer(prunable, settings.flopsTieBreak());
        List<CandidateScore> scores = new ArrayList<>();
        for (Ranked r : ranked) {
            Delta d = r.delta();
            boolean isPruned = pruned.get(d.layer()) == r;
            scores.add(CandidateScore.builder().round(round).layer(d.layer()).candidate(d.candidate())
                    .ntkDelta(d.ntkDelta()).regionsDelta(d.regionsDelta()).ntkRank(r.ntkRank()).regionsRank(r.regionsRank()).rankSum(r.rankSum())
                    .pruned(isPruned).build());
        }
        for (Ranked r : pruned.values()) {
            active.get(r.delta().layer())[r.delta().order()] = false;
        }
        return scores;
    }

    /** Per scored candidate: (κ(N) − κ(N∖c)) / κ(N) with one set of weights and one batch. */
    private double[] ntkDeltas(NDManager manager, int round, int repeat, List<boolean[]> active, List<int[]> scored,
            PruningWorkers workers) {
        NDArray batch = sampler.batch(manager, settings.ntkBatchSize(), SplitMix64.mix(settings.seed(), round, repeat, NTK_BATCH));
        PruningWorkers.Scorer kappa = network -> ntkTiming.time(() -> PerSampleGradients.of(network.block()).conditionNumber(batch));
        return relativeDrops(workers.score(ntkReplicas, SplitMix64.mix(settings.seed(), round, repeat, WEIGHTS), active, scored, kappa));
    }

    /** Per scored candidate: (R(N) − R(N∖c)) / R(N) with one set of weights and one set of crops. */
    private double[] regionDeltas(NDManager manager, int round, int repeat, List<boolean[]> active, List<int[]> scored,
            PruningWorkers workers) {
        List<NDArray> crops = new ArrayList<>();
        for (int b = 0; b < settings.regionBatches(); b++) {
            crops.add(sampler.crops(manager, settings.regionSamples(), settings.cropSize(), regionReplicas.get(0).inputChannels(),
                    SplitMix64.mix(settings.seed(), round, repeat, REGION_CROPS, b)));
        }
        PruningWorkers.Scorer regions = network -> regionTiming.time(() -> new LinearRegionCount().count(network.block(), crops));
        return relativeDrops(workers.score(regionReplicas, SplitMix64.mix(settings.seed(), round, repeat, REGION_WEIGHTS), active, scored, regions));
    }

    /** (whole − without c) / whole per candidate, rounded to 10 decimals like the reference. */
    private static double[] relativeDrops(double[] values) {
        double[] deltas = new double[values.length - 1];
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = roundTo10((values[0] - values[i + 1]) / values[0]);
        }
        return deltas;
    }

    private boolean needsPruning(List<boolean[]> active) {
        return active.stream().anyMatch(mask -> count(mask) > settings.survivors());
    }

    private List<List<String>> survivorNames(List<boolean[]> active) {
        List<List<String>> names = new ArrayList<>();
        for (int l = 0; l < active.size(); l++) {
            List<String> kept = new ArrayList<>();
            for (int c = 0; c < active.get(l).length; c++) {
                if (active.get(l)[c]) {
                    kept.add(ntkNetwork.candidates(l).get(c));
                }
            }
            names.add(kept);
        }
        return names;
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static double roundTo10(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e10) / 1e10 : value;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
