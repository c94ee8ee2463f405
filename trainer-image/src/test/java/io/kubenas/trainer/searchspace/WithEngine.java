package io.kubenas.trainer.searchspace;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture of every test that touches arrays: the engine with the trainer's thread settings (seeded
 * when the test gives a seed, so its random weights and batches are the same on every run) and a fresh
 * {@link #manager} per test, closed after it with everything allocated on it.
 */
public abstract class WithEngine {
    private final Long seed;
    protected NDManager manager;

    /** An engine seeded with {@code seed} before each test. */
    protected WithEngine(long seed) {
        this.seed = seed;
    }

    /** The engine as it is (tests whose randomness has its own seeds). */
    protected WithEngine() {
        this.seed = null;
    }

    @BeforeEach
    final void openManager() {
        if (seed != null) {
            TestSpaces.engine(seed);
        }
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    final void closeManager() {
        manager.close();
    }
}
