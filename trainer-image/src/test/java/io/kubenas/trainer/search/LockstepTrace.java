package io.kubenas.trainer.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.kubenas.api.budget.Usage;
import io.kubenas.api.manifest.NasSearchManifests;
import io.kubenas.trainer.data.BatchStream;
import io.kubenas.trainer.data.DataPosition;
import io.kubenas.trainer.data.DatasetLocations;
import io.kubenas.trainer.data.ImageBatch;
import io.kubenas.trainer.dsnas.ArchitectureParameters;
import io.kubenas.trainer.dsnas.SearchStep;
import io.kubenas.trainer.progress.ProgressReporters;
import io.kubenas.trainer.searchspace.Supernet;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * A diagnostic program (not a test): the first N steps of a manifest's search exactly as {@link SearchRunner} takes
 * them, written down so that {@code bench/pytorch-dsnas.py --replay DIR} can take the same steps in native PyTorch
 * from the same initial weights, α, batches and paths, and say where the two programs part (docs/benchmarks.md, "The
 * recipe, one factor at a time").
 *
 * <p>Writes into DIR: {@code weights.bin} (every supernet parameter in the network's order: name, shape, float32
 * values, the BatchNorm running statistics included), {@code alpha.bin} (α's initial logits), {@code batches.bin}
 * (per step: the batch's normalised images and labels), {@code weights-after-0.bin} and {@code -1.bin} (the weights
 * after the first two steps), and {@code steps.jsonl} (per step: the path, the learning
 * rate, whether α moved, the loss, the credits ∂L/∂Z and α's probabilities after the step).
 *
 * <pre>java -cp ... io.kubenas.trainer.search.LockstepTrace MANIFEST STEPS DIR</pre>
 */
public final class LockstepTrace {
    private LockstepTrace() {
    }

    public static void main(String[] args) throws Exception {
        Path manifest = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        Path out = Files.createDirectories(Path.of(args[2]));
        SearchPlan plan = SearchPlan.from(NasSearchManifests.read(manifest), 0);
        Path work = Files.createTempDirectory("lockstep");
        RunEnvironment env = new RunEnvironment(work, DatasetLocations.defaults(), ProgressReporters.forLocalRun(work, System.err, false),
                GracefulStop.onSignals(Duration.ofSeconds(5)), Clock.systemUTC(), 1, Usage.NONE);
        SearchSetup setup = SearchSetup.prepare(plan, env);
        try (NDManager manager = NDManager.newBaseManager(setup.device())) {
            // As SearchRunner.run: the same engine seed (set by prepare), so the same initial weights as a real run.
            Supernet supernet = Supernet.create(setup.space(), manager);
            ArchitectureParameters alpha = ArchitectureParameters.initial(setup.space(), plan.seed());
            writeWeights(supernet, out.resolve("weights.bin"));
            writeAlpha(alpha, out.resolve("alpha.bin"));
            try (SearchStep search = new SearchStep(supernet, alpha, setup.settings(), manager, setup.devices());
                    BatchStream batches = setup.train().stream(manager, new DataPosition(0, 0));
                    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out.resolve("batches.bin"))));
                    PrintWriter trace = new PrintWriter(Files.newBufferedWriter(out.resolve("steps.jsonl")))) {
                for (int s = 0; s < steps && batches.hasNext(); s++) {
                    try (ImageBatch batch = batches.next()) {
                        writeArray(data, batch.images());
                        long[] labels = batch.labels().toLongArray();
                        data.writeInt(labels.length);
                        for (long l : labels) {
                            data.writeLong(l);
                        }
                        SearchStep.StepResult r = search.step(batch.images(), batch.labels());
                        if (s < 2) {
                            writeWeights(supernet, out.resolve("weights-after-" + s + ".bin"));
                        }
                        if (s == 400 || s == 401) {
                            writeState(supernet, search.weightOptimizer(), out.resolve("state-after-" + s + ".bin"));
                        }
                        StringBuilder probabilities = new StringBuilder();
                        for (int i = 0; i < alpha.layerCount(); i++) {
                            probabilities.append(i == 0 ? "" : ",").append(numbers(alpha.probabilities(i)));
                        }
                        trace.printf(Locale.ROOT, "{\"step\":%d,\"path\":%s,\"lr\":%s,\"alphaMoved\":%b,\"loss\":%s,\"credit\":%s,\"p\":[%s]}%n",
                                r.step(), Arrays.toString(r.path()), Double.toString(r.learningRate()), r.architectureUpdated(),
                                Double.toString(r.loss()), numbers(r.shards().get(0).credit()), probabilities);
                    }
                }
            }
        }
        System.exit(0);
    }

    private static String numbers(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(Double.toString(values[i]));
        }
        return b.append(']').toString();
    }

    private static void writeWeights(Supernet supernet, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(supernet.getParameters().size());
            for (Pair<String, Parameter> p : supernet.getParameters()) {
                out.writeUTF(p.getKey());
                writeArray(out, p.getValue().getArray());
            }
        }
    }

    /** Every parameter's values and its momentum buffer (PyTorch's convention), when it has one. */
    private static void writeState(Supernet supernet, io.kubenas.trainer.dsnas.MomentumSgd sgd, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(supernet.getParameters().size());
            for (Pair<String, Parameter> p : supernet.getParameters()) {
                out.writeUTF(p.getKey());
                writeArray(out, p.getValue().getArray());
                NDArray buffer = sgd.buffer(p.getValue());
                out.writeBoolean(buffer != null);
                if (buffer != null) {
                    writeArray(out, buffer);
                    buffer.close();
                }
            }
        }
    }

    private static void writeAlpha(ArchitectureParameters alpha, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(alpha.layerCount());
            for (int i = 0; i < alpha.layerCount(); i++) {
                double[] row = alpha.logits(i);
                out.writeInt(row.length);
                for (double v : row) {
                    out.writeDouble(v);
                }
            }
        }
    }

    /** Shape (rank, dims) then float32 values, big-endian. */
    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        long[] shape = array.getShape().getShape();
        out.writeInt(shape.length);
        for (long d : shape) {
            out.writeInt((int) d);
        }
        for (float v : array.toFloatArray()) {
            out.writeFloat(v);
        }
    }
}
