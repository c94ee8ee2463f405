package io.kubenas.trainer.tenas;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Records which ReLU units are on, per sample, during one forward pass: what the linear-region count
 * needs (docs/algorithms.md §3.3). DJL has no forward hooks, so blocks take part by applying their ReLUs
 * through {@link #relu(NDArray)} or {@link #reluBlock()}; both are a plain ReLU when nothing records.
 *
 * <p>Why a scoped thread-local and not the {@code PairList} params of {@code Block.forward}: DJL's
 * {@code SequentialBlock} does not pass those params on to its children in a training or inference
 * forward, so a recorder handed down that way would silently see nothing inside any sequential block.
 * A DJL forward runs synchronously on the calling thread, so a recorder made current with
 * {@link #activate()} for the duration of one forward call sees exactly that call's ReLUs, and
 * {@link Scope#close()} makes sure it is never left behind.
 */
public final class ReluRecorder {
    private static final ThreadLocal<ReluRecorder> CURRENT = new ThreadLocal<>();

    /** One ReLU call: its on/off bits, sample-major ({@code batch × units}). */
    private record Call(boolean[] on, int units) {
    }

    private final List<Call> calls = new ArrayList<>();
    private int batch = -1;

    /** Makes this recorder current on this thread until the scope is closed. */
    public Scope activate() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a ReLU recorder is already active on this thread");
        }
        CURRENT.set(this);
        return () -> CURRENT.remove();
    }

    /** Ends recording on this thread; never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** True while some recorder is active on this thread. */
    public static boolean isRecording() {
        return CURRENT.get() != null;
    }

    /** ReLU that reports its on/off pattern to the current recorder, if any. */
    public static NDArray relu(NDArray x) {
        ReluRecorder recorder = CURRENT.get();
        if (recorder != null) {
            recorder.record(x);
        }
        return Activation.relu(x);
    }

    /**
     * Records a ReLU output computed elsewhere, for networks that report their ReLUs through a callback of
     * their own (e.g. {@code supernet.reluTap().listen(ReluRecorder::observe)}); does nothing unless a
     * recorder is active on this thread.
     */
    public static void observe(NDArray reluOutput) {
        ReluRecorder recorder = CURRENT.get();
        if (recorder != null) {
            recorder.record(reluOutput);
        }
    }

    /** {@link #relu(NDArray)} on a single-array list, for lambda blocks. */
    public static NDList relu(NDList list) {
        return new NDList(relu(list.singletonOrThrow()));
    }

    /** A drop-in for {@code Activation.reluBlock()} that reports to the current recorder. */
    public static Block reluBlock() {
        return new LambdaBlock(ReluRecorder::relu, "ReLU");
    }

    private void record(NDArray x) {
        int samples = Math.toIntExact(x.getShape().get(0));
        if (batch >= 0 && samples != batch) {
            throw new IllegalStateException("ReLU saw " + samples + " samples, earlier ones saw " + batch);
        }
        batch = samples;
        // relu(x) > 0 exactly where x > 0: the input gives the output's pattern without waiting for it.
        try (NDArray on = x.gt(0)) {
            boolean[] bits = on.toBooleanArray();
            calls.add(new Call(bits, bits.length / samples));
        }
    }

    /** Samples seen (the batch size), or 0 before any ReLU was recorded. */
    public int samples() {
        return Math.max(batch, 0);
    }

    /** Units recorded per sample, over every ReLU call. */
    public int unitsPerSample() {
        return calls.stream().mapToInt(Call::units).sum();
    }

    /** Sample {@code n}'s pattern: every recorded ReLU's units, in call order. */
    public boolean[] pattern(int n) {
        boolean[] pattern = new boolean[unitsPerSample()];
        int at = 0;
        for (Call call : calls) {
            System.arraycopy(call.on(), n * call.units(), pattern, at, call.units());
            at += call.units();
        }
        return pattern;
    }

    /** Adds every sample's pattern to {@code regions}. */
    public void addTo(LinearRegions regions) {
        for (int n = 0; n < samples(); n++) {
            regions.add(pattern(n));
        }
    }

    /** Forgets what was recorded, to record the next batch. */
    public void clear() {
        calls.clear();
        batch = -1;
    }
}
