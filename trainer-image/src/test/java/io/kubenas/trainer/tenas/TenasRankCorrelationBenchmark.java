package io.kubenas.trainer.tenas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.BuiltinDataset;
import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.LearningRateSchedule;
import io.kubenas.trainer.data.Augmentation;
import io.kubenas.trainer.data.BatchLoader;
import io.kubenas.trainer.data.BatchStream;
import io.kubenas.trainer.data.DatasetLoader;
import io.kubenas.trainer.data.DatasetLocations;
import io.kubenas.trainer.data.DatasetSplits;
import io.kubenas.trainer.data.ImageBatch;
import io.kubenas.trainer.dsnas.ChildStep;
import io.kubenas.trainer.dsnas.EngineSetup;
import io.kubenas.trainer.dsnas.WeightLearningRate;
import io.kubenas.trainer.search.ChildAccuracy;
import io.kubenas.trainer.searchspace.ChildNetwork;
import io.kubenas.trainer.searchspace.Supernet;
import io.kubenas.trainer.random.SplitMix64;
import io.kubenas.trainer.searchspace.TestSpaces;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Not a test: does TE-NAS's training-free ranking agree with trained accuracy on the {@code tiny} space?
 *
 * <ol>
 *   <li>Samples {@code architectures} distinct paths of the space uniformly ({@code new Random(seed)}).</li>
 *   <li>Scores each path alone: κ on the NTK copy (width {@code ntkWidth}, N = {@code ntkBatch} training
 *       images) and R on the region copy (width {@code regionWidth}, 3 batches of 1000 3×3 crops), each
 *       the mean over {@code repeats} draws of weights and inputs; draw r is the same for every path (common
 *       random numbers). Scoring runs on one intra-op thread, as each pruning worker does. The TE-NAS rank is
 *       rank(κ ascending) + rank(R descending), lower is better.</li>
 *   <li>Runs the real pruner ({@link PruningSettings#defaults}, {@code workers} workers) for TE-NAS's pick,
 *       which joins the evaluated set if it was not sampled.</li>
 *   <li>Trains every architecture from a fresh initialisation (same engine seed, same batches: the child
 *       phase's SGD, momentum 0.9, weight decay 4e-5, label smoothing 0.1, {@code lr} cosine to 0, no
 *       augmentation) for {@code steps} steps of {@code batch} images, then measures validation accuracy
 *       (the 10% held out of the training split).</li>
 *   <li>Prints a row per architecture and Kendall τ-b of accuracy against −κ, R and −rank over the sampled
 *       architectures (the pick only when sampled), each with a 95% percentile bootstrap interval over the
 *       architectures, and where the pick's accuracy falls among the samples'.</li>
 * </ol>
 *
 * <p>Settings are {@code key=value} arguments or {@code -Dkey=value} properties: architectures (20), steps
 * (300), batch (64), lr (0.05), repeats (3), seed (7), workers (2), ntkWidth (0.25), regionWidth (0.0625),
 * ntkBatch (32), resamples (1000), prune (true; false skips the pruner and reports no pick).
 */
public final class TenasRankCorrelationBenchmark {
    private static final long WEIGHTS = 11;
    private static final long NTK_BATCH = 12;
    private static final long REGION_WEIGHTS = 13;
    private static final long REGION_CROPS = 14;
    private static final long BOOTSTRAP = 15;

    record Settings(int architectures, int steps, int batch, double learningRate, int repeats, long seed, int workers,
            double ntkWidth, double regionWidth, int ntkBatch, int resamples, boolean prune) {

        static Settings from(String[] args) {
            java.util.Map<String, String> given = new java.util.HashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("arguments are key=value, got " + arg);
                }
                given.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            java.util.function.BiFunction<String, String, String> get = (key, fallback) ->
                    given.getOrDefault(key, System.getProperty(key, fallback));
            return new Settings(Integer.parseInt(get.apply("architectures", "20")), Integer.parseInt(get.apply("steps", "300")),
                    Integer.parseInt(get.apply("batch", "64")), Double.parseDouble(get.apply("lr", "0.05")),
                    Integer.parseInt(get.apply("repeats", "3")), Long.parseLong(get.apply("seed", "7")),
                    Integer.parseInt(get.apply("workers", "2")), Double.parseDouble(get.apply("ntkWidth", "0.25")),
                    Double.parseDouble(get.apply("regionWidth", "0.0625")), Integer.parseInt(get.apply("ntkBatch", "32")),
                    Integer.parseInt(get.apply("resamples", "1000")), Boolean.parseBoolean(get.apply("prune", "true")));
        }
    }

    /** One evaluated architecture. */
    static final class Architecture {
        final int[] path;
        final boolean sampled;
        double kappa;
        double regions;
        double accuracy;
        double lastLoss;
        double trainSeconds;

        Architecture(int[] path, boolean sampled) {
            this.path = path;
            this.sampled = sampled;
        }
    }

    private TenasRankCorrelationBenchmark() {
    }

    public static void main(String[] args) {
        Settings s = Settings.from(args);
        System.out.println("settings: " + s);
        EngineSetup.pytorch(s.seed());
        DatasetSplits splits = new DatasetLoader(DatasetLocations.defaults())
                .load(DatasetSpec.builder().builtin(BuiltinDataset.FASHION_MNIST).validationFraction(0.1).build(), s.seed());
        ResolvedSearchSpace tiny = TestSpaces.tiny();
        TrainingImageSampler sampler = new TrainingImageSampler(splits.train(), splits.normalization());

        List<Architecture> archs = new ArrayList<>();
        for (int[] path : samplePaths(tiny, s.architectures(), s.seed())) {
            archs.add(new Architecture(path, true));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            PruningResult pruning = s.prune() ? prune(tiny, sampler, s, manager) : null;
            Architecture picked = pruning == null ? null : pickOf(pruning, archs);
            Timings timings = score(tiny, archs, sampler, s, manager);
            for (int i = 0; i < archs.size(); i++) {
                Architecture a = archs.get(i);
                train(tiny, a, splits, s, manager);
                System.out.printf("trained %d/%d %s: accuracy %.4f, last-50-step loss %.3f, %.0f s%n", i + 1, archs.size(),
                        ops(tiny, a.path), a.accuracy, a.lastLoss, a.trainSeconds);
            }
            report(tiny, archs, picked, pruning, timings, s);
        }
    }

    /** TE-NAS's pick among {@code archs}, added to them if it is not there yet. */
    private static Architecture pickOf(PruningResult pruning, List<Architecture> archs) {
        int[] pick = new int[pruning.active().size()];
        for (int l = 0; l < pick.length; l++) {
            pick[l] = pruning.survivorIndices(l).get(0);
        }
        for (Architecture a : archs) {
            if (Arrays.equals(a.path, pick)) {
                return a;
            }
        }
        Architecture added = new Architecture(pick, false);
        archs.add(added);
        return added;
    }

    /** {@code count} distinct paths, each layer's candidate uniform and independent. */
    static List<int[]> samplePaths(ResolvedSearchSpace space, int count, long seed) {
        Random random = new Random(seed);
        Set<String> seen = new HashSet<>();
        List<int[]> paths = new ArrayList<>();
        while (paths.size() < count) {
            int[] path = new int[space.layers().size()];
            for (int l = 0; l < path.length; l++) {
                path[l] = random.nextInt(space.layers().get(l).candidates().size());
            }
            if (seen.add(Arrays.toString(path))) {
                paths.add(path);
            }
        }
        return paths;
    }

    private static PruningResult prune(ResolvedSearchSpace space, TrainingImageSampler sampler, Settings s, NDManager manager) {
        PruningSettings settings = PruningSettings.defaults(s.seed()).withNtkBatchSize(s.ntkBatch()).withRepeats(s.repeats());
        List<PrunableNetwork> ntk = new ArrayList<>();
        List<PrunableNetwork> regions = new ArrayList<>();
        for (int w = 0; w < s.workers(); w++) {
            ntk.add(PrunableSupernet.forNtk(space, s.ntkWidth(), manager));
            regions.add(PrunableSupernet.forRegions(space, s.regionWidth(), settings.cropSize(), manager));
        }
        PruningResult result = new TenasPruner(ntk, regions, sampler, settings).prune(manager,
                (round, scores, seconds) -> System.out.printf("pruning round %d done at %.1f s%n", round, seconds));
        System.out.printf("pruning: %.1f s wall, %d workers; %d kappa at %.0f ms, %d R at %.0f ms (per evaluation, concurrent workers)%n",
                result.status().getSeconds(), s.workers(), result.ntkEvaluations(), result.millisPerNtk(), result.regionEvaluations(),
                result.millisPerRegions());
        return result;
    }

    /** Mean wall milliseconds of one κ and of one R (one draw each). */
    record Timings(double millisPerKappa, double millisPerRegions) {
    }

    /** κ and R of each path alone, means over the repeats; draw r is shared by all paths. */
    private static Timings score(ResolvedSearchSpace space, List<Architecture> archs, TrainingImageSampler sampler, Settings s,
            NDManager manager) {
        PruningSettings paper = PruningSettings.defaults(s.seed());
        PrunableSupernet ntk = PrunableSupernet.forNtk(space, s.ntkWidth(), manager);
        PrunableSupernet regions = PrunableSupernet.forRegions(space, s.regionWidth(), paper.cropSize(), manager);
        int threadsBefore = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        long kappaNanos = 0;
        long regionNanos = 0;
        try (NDManager inputs = manager.newSubManager()) {
            List<NDArray> batches = new ArrayList<>();
            List<List<NDArray>> crops = new ArrayList<>();
            for (int r = 0; r < s.repeats(); r++) {
                batches.add(sampler.batch(inputs, s.ntkBatch(), SplitMix64.mix(s.seed(), r, NTK_BATCH)));
                List<NDArray> repeatCrops = new ArrayList<>();
                for (int b = 0; b < paper.regionBatches(); b++) {
                    repeatCrops.add(sampler.crops(inputs, paper.regionSamples(), paper.cropSize(), regions.inputChannels(),
                            SplitMix64.mix(s.seed(), r, REGION_CROPS, b)));
                }
                crops.add(repeatCrops);
            }
            for (Architecture a : archs) {
                selectPath(ntk, a.path);
                selectPath(regions, a.path);
                double kappa = 0;
                double count = 0;
                for (int r = 0; r < s.repeats(); r++) {
                    ntk.reinitialize(SplitMix64.mix(s.seed(), r, WEIGHTS));
                    long t = System.nanoTime();
                    kappa += PerSampleGradients.of(ntk.block()).conditionNumber(batches.get(r));
                    kappaNanos += System.nanoTime() - t;
                    regions.reinitialize(SplitMix64.mix(s.seed(), r, REGION_WEIGHTS));
                    t = System.nanoTime();
                    count += new LinearRegionCount().count(regions.block(), crops.get(r));
                    regionNanos += System.nanoTime() - t;
                }
                a.kappa = kappa / s.repeats();
                a.regions = count / s.repeats();
            }
        } finally {
            JniUtils.setNumThreads(threadsBefore);
        }
        double evaluations = (double) archs.size() * s.repeats();
        return new Timings(kappaNanos / 1e6 / evaluations, regionNanos / 1e6 / evaluations);
    }

    private static void selectPath(PrunableNetwork network, int[] path) {
        for (int l = 0; l < path.length; l++) {
            boolean[] only = new boolean[network.candidates(l).size()];
            only[path[l]] = true;
            network.setActive(l, only);
        }
    }

    /** Fresh weights (the same engine seed for every path), the same batches, then validation accuracy. */
    private static void train(ResolvedSearchSpace space, Architecture a, DatasetSplits splits, Settings s, NDManager manager) {
        long started = System.nanoTime();
        try (NDManager scope = manager.newSubManager()) {
            ChildNetwork child;
            EngineSetup.pytorch(s.seed());
            try (NDManager fresh = scope.newSubManager()) {
                child = ChildNetwork.inherit(Supernet.create(space, fresh), a.path, scope);
            }
            WeightLearningRate lr = new WeightLearningRate(s.learningRate(), 0, s.steps(), LearningRateSchedule.COSINE);
            BatchLoader loader = splits.trainingBatches(Augmentation.NONE, s.batch(), s.seed());
            double[] losses = new double[s.steps()];
            try (ChildStep step = new ChildStep(child, lr, 0, 0.9, 4e-5, 0.1, s.seed(), scope)) {
                int done = 0;
                for (int epoch = 0; done < s.steps(); epoch++) {
                    try (BatchStream batches = loader.stream(scope, epoch)) {
                        while (batches.hasNext() && done < s.steps()) {
                            try (ImageBatch batch = batches.next()) {
                                losses[done++] = step.step(batch.images(), batch.labels());
                            }
                        }
                    }
                }
                a.accuracy = ChildAccuracy.of(child.network(), step.parameterStore(), splits.validationBatches(256), scope);
            }
            int tail = Math.min(50, losses.length);
            a.lastLoss = Arrays.stream(losses, losses.length - tail, losses.length).average().orElse(Double.NaN);
        }
        a.trainSeconds = (System.nanoTime() - started) / 1e9;
    }

    private static void report(ResolvedSearchSpace space, List<Architecture> archs, Architecture pick, PruningResult pruning,
            Timings timings, Settings s) {
        List<Architecture> sampled = archs.stream().filter(a -> a.sampled).toList();
        double[] accuracy = sampled.stream().mapToDouble(a -> a.accuracy).toArray();
        double[] negKappa = sampled.stream().mapToDouble(a -> -a.kappa).toArray();
        double[] regions = sampled.stream().mapToDouble(a -> a.regions).toArray();
        double[] tenasRank = tenasRanks(archs.stream().mapToDouble(a -> a.kappa).toArray(),
                archs.stream().mapToDouble(a -> a.regions).toArray());
        double[] sampledRank = tenasRanks(sampled.stream().mapToDouble(a -> a.kappa).toArray(), regions);
        double[] negRank = Arrays.stream(sampledRank).map(r -> -r).toArray();

        System.out.println();
        System.out.printf("%-3s %-62s %10s %8s %6s %8s%n", "#", "ops (layers 0-7)", "kappa", "R", "rank", "val acc");
        for (int i = 0; i < archs.size(); i++) {
            Architecture a = archs.get(i);
            String tag = (a == pick ? "*" : "") + (a.sampled ? "" : "+");
            System.out.printf("%-3s %-62s %10.2f %8.1f %6.1f %8.4f%n", (i + 1) + tag, ops(space, a.path), a.kappa, a.regions,
                    tenasRank[i], a.accuracy);
        }
        System.out.println("(* TE-NAS's pick; + not among the samples; rank = rank(kappa asc) + rank(R desc) over the rows shown,"
                + " lower is better)");
        System.out.printf("%nKendall tau-b vs validation accuracy over the %d sampled architectures (95%% bootstrap, %d resamples):%n",
                sampled.size(), s.resamples());
        correlation("-kappa", accuracy, negKappa, s, 0);
        correlation("R", accuracy, regions, s, 1);
        correlation("-TE-NAS rank", accuracy, negRank, s, 2);
        System.out.printf("time per score (one draw, 1 intra-op thread): kappa %.0f ms, R %.0f ms%n", timings.millisPerKappa(),
                timings.millisPerRegions());
        System.out.printf("date %s, %d processors%n", LocalDate.now(), Runtime.getRuntime().availableProcessors());
        if (pruning == null) {
            return;
        }
        System.out.printf("pruning the tiny space: %.1f s wall (%d workers, %d rounds)%n", pruning.status().getSeconds(),
                s.workers(), pruning.status().getRounds());
        double median = KendallTau.quantile(Arrays.stream(accuracy).sorted().toArray(), 0.5);
        System.out.printf("TE-NAS pick %s (%s): accuracy %.4f, percentile %.0f among the %d samples (median %.4f: %s)%n",
                ops(space, pick.path), pick.sampled ? "sampled" : "not sampled", pick.accuracy, percentile(pick.accuracy, accuracy),
                accuracy.length, median, pick.accuracy > median ? "above" : pick.accuracy == median ? "at" : "below");
    }

    private static void correlation(String name, double[] accuracy, double[] score, Settings s, long stream) {
        double tau = KendallTau.tauB(accuracy, score);
        KendallTau.Interval ci = KendallTau.bootstrap(accuracy, score, s.resamples(), 0.95, SplitMix64.mix(s.seed(), BOOTSTRAP, stream));
        System.out.printf("  %-13s tau %+.3f  [%+.3f, %+.3f]%n", name, tau, ci.low(), ci.high());
    }

    /** rank(κ ascending) + rank(R descending), average ranks for ties: lower is better. */
    static double[] tenasRanks(double[] kappa, double[] regions) {
        double[] byKappa = KendallTau.averageRanks(kappa);
        double[] byRegions = KendallTau.averageRanks(Arrays.stream(regions).map(r -> -r).toArray());
        double[] sum = new double[kappa.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = byKappa[i] + byRegions[i];
        }
        return sum;
    }

    /** Share of {@code others} below {@code value}, ties counting half, in percent. */
    static double percentile(double value, double[] others) {
        double below = 0;
        for (double o : others) {
            below += o < value ? 1 : o == value ? 0.5 : 0;
        }
        return 100 * below / others.length;
    }

    private static String ops(ResolvedSearchSpace space, int[] path) {
        StringBuilder text = new StringBuilder();
        for (int l = 0; l < path.length; l++) {
            text.append(l == 0 ? "" : ",").append(space.layers().get(l).candidates().get(path[l]).wireName().replace("shuffle", "s"));
        }
        return text.toString();
    }
}
