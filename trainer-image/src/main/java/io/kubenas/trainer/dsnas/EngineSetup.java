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
     * for one operator (on a 2-core machine, 2), and {@code interOp} for running operators side by side
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

    /** Threads configured from the available processors, then the engine, seeded. */
    public static Engine pytorch(long seed) {
        configureThreads(Runtime.getRuntime().availableProcessors(), 1);
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(engineSeed(seed));
        return engine;
    }

    /** The engine takes an int seed; fold the long one. */
    static int engineSeed(long seed) {
        return (int) (seed ^ (seed >>> 32));
    }
}
