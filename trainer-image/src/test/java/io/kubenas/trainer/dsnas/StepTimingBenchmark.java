package io.kubenas.trainer.dsnas;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.space.SearchSpaceResolver;
import io.kubenas.api.v1alpha1.LearningRateSchedule;
import io.kubenas.api.v1alpha1.SearchSpacePreset;
import io.kubenas.api.v1alpha1.SearchSpaceSpec;
import io.kubenas.trainer.searchspace.ChildNetwork;
import io.kubenas.trainer.searchspace.NetworkCost;
import io.kubenas.trainer.searchspace.Supernet;
import io.kubenas.trainer.searchspace.TestSpaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Not a test: prints the median time of a DSNAS step of the `tiny` supernet (batch 64, 28x28x1) against
 * the same child network trained alone, and the process RSS over many steps. Run by hand:
 * {@code java -cp ... io.kubenas.trainer.dsnas.StepTimingBenchmark [steps [stepsPerFixedPath]]}, with
 * {@code -Dbatch} and {@code -Dwidth} to change the batch size and the width multiplier, {@code -Dreplicas} to split
 * the supernet's batches over that many CPU replicas (data parallel, as on several GPUs).
 */
public final class StepTimingBenchmark {
    private static final int BATCH = Integer.getInteger("batch", 64);
    /** {@code -Dwidth}: the preset's width multiplier (1.0). */
    private static final double WIDTH = Double.parseDouble(System.getProperty("width", "1.0"));
    /** {@code -Dreplicas}: CPU replicas each batch is split over (1: no data parallelism). */
    private static final int REPLICAS = Integer.getInteger("replicas", 1);

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int pathSteps = args.length > 1 ? Integer.parseInt(args[1]) : steps;
        TestSpaces.engine(1);
        ResolvedSearchSpace space = SearchSpaceResolver.resolve(SearchSpaceSpec.builder().preset(SearchSpacePreset.TINY).widthMultiplier(WIDTH).build(),
                InputShape.FASHION_MNIST);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray[] images = new NDArray[8];
            NDArray[] labels = new NDArray[8];
            for (int i = 0; i < images.length; i++) {
                images[i] = manager.randomNormal(new Shape(BATCH, 1, 28, 28));
                labels[i] = manager.randomInteger(0, 10, new Shape(BATCH), DataType.INT64);
            }
            Supernet net = Supernet.create(space, manager);
            System.out.printf("supernet parameters %d%n", net.parameterCount());
            DsnasSettings settings = settings();
            List<Device> devices = Collections.nCopies(REPLICAS, Device.cpu());
            try (SearchStep search = new SearchStep(net, ArchitectureParameters.initial(space, 1), settings, manager, devices)) {
                long[] rss = new long[6];
                long cpu0 = cpuNanos();
                double[] t = time(steps, i -> search.step(images[i % 8], labels[i % 8]), steps / 5, rss);
                System.out.printf("supernet, sampled paths (uniform α), %d replica(s): median %.1f ms/step, mean %.1f, process CPU %.1f ms/step%n",
                        REPLICAS, median(t), mean(t), (cpuNanos() - cpu0) / 1e6 / (steps + 20));
                System.out.printf("RSS MB at 0, 20%%..100%% of the steps: %s%n", Arrays.toString(rss));
            }
            for (int[] path : new int[][] {{0, 0, 0, 0, 0, 0, 0, 0}, {2, 2, 2, 2, 2, 2, 2, 2}, {3, 3, 3, 3, 3, 3, 3, 3}, {0, 1, 2, 3, 0, 1, 2, 3}}) {
                ArchitectureParameters fixed = ArchitectureParameters.initial(space, 1);
                for (int l = 0; l < path.length; l++) {
                    fixed.fix(l, path[l]);
                }
                double[] superTimes;
                long cpu0 = cpuNanos();
                try (SearchStep search = new SearchStep(net, fixed, settings, manager)) {
                    superTimes = time(pathSteps, i -> search.step(images[i % 8], labels[i % 8]), 0, null);
                }
                double superCpu = (cpuNanos() - cpu0) / 1e6 / (pathSteps + 20);
                ChildNetwork child = ChildNetwork.inherit(net, path, manager);
                double[] childTimes;
                cpu0 = cpuNanos();
                try (ChildStep alone = ChildStep.continuing(child, settings, 0, manager)) {
                    childTimes = time(pathSteps, i -> alone.step(images[i % 8], labels[i % 8]), 0, null);
                }
                double childCpu = (cpuNanos() - cpu0) / 1e6 / (pathSteps + 20);
                System.out.printf("path %s (%d params, %.1f MFLOPs): supernet %.1f ms (CPU %.1f), child alone %.1f ms (CPU %.1f), ratio %.2f (CPU %.2f)%n",
                        Arrays.toString(path), child.parameterCount(), NetworkCost.ofPath(space, path).flops() / 1e6,
                        median(superTimes), superCpu, median(childTimes), childCpu, median(superTimes) / median(childTimes), superCpu / childCpu);
            }
        }
    }

    static DsnasSettings settings() {
        return new DsnasSettings(1, 0.1, new WeightLearningRate(0.05, 0, 100_000, LearningRateSchedule.COSINE), 0.9, 4e-5,
                0.01, 0.5, 0.999, 0, 0.3);
    }

    interface Step {
        void run(int i);
    }

    static double[] time(int steps, Step step, int rssEvery, long[] rss) throws Exception {
        for (int i = 0; i < 20; i++) {
            step.run(i);
        }
        double[] ms = new double[steps];
        if (rss != null) {
            rss[0] = rssMb();
        }
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run(i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (rss != null && (i + 1) % rssEvery == 0) {
                rss[(i + 1) / rssEvery] = rssMb();
            }
        }
        return ms;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
