package io.kubenas.trainer.dsnas;

import ai.djl.engine.Engine;

/**
 * What must happen before DJL's PyTorch engine loads: its thread pools are sized once, at load time, from
 * system properties.
 */
public final class EngineSetup {
    static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    private EngineSetup() {
    }

    /**
     * Sizes the engine's thread pools unless the user already set the properties: {@code intraOp} threads
     * for one operator, and {@code interOp} for running operators side by side
     * (a single chain of layers has nothing to run side by side: 1). Call before the first DJL use; later
     * calls cannot change a loaded engine.
     */
    public static void configureThreads(int intraOp, int interOp) {
        if (System.getProperty(INTRA_OP) == null) {
            System.setProperty(INTRA_OP, Integer.toString(intraOp));
        }
        if (System.getProperty(INTER_OP) == null) {
            System.setProperty(INTER_OP, Integer.toString(interOp));
        }
    }

    /** Threads configured from the available processors ({@link #intraOpThreads}), then the engine, seeded. */
    public static Engine pytorch(long seed) {
        Engine engine = pytorch();
        engine.setRandomSeed(engineSeed(seed));
        return engine;
    }

    /** The engine with the thread pools a search runs with ({@link #intraOpThreads}), unseeded. */
    public static Engine pytorch() {
        configureThreads(intraOpThreads(Runtime.getRuntime().availableProcessors()), 1);
        return Engine.getEngine("PyTorch");
    }

    /**
     * One processor is left to the JVM: the batch prefetcher, the progress reporter, the garbage collector and
     * the JIT run beside the step, and libtorch's OpenMP threads spin at their barriers, so a Java thread that
     * takes a core from one of them stalls every operator of the step. Measured on the 2-core machine
     * (2026-12-03, {@code kubenas run} of the prototype recipe, 800 steps): 2 intra-op threads 878 images/s,
     * 1 thread 1,296 images/s; a step alone ({@code StepTimingBenchmark}) is faster with 2 (37 against 51 ms), so
     * it is the neighbours, not the kernels. Passive OpenMP waiting does not help (2 threads: 65–70 ms per step).
     */
    public static int intraOpThreads(int processors) {
        return Math.max(1, processors - 1);
    }

    /** The engine takes an int seed; fold the long one. */
    static int engineSeed(long seed) {
        return (int) (seed ^ (seed >>> 32));
    }
}
