package io.kubenas.trainer.dsnas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineSetupTest {

    @Test
    void oneProcessorIsLeftToTheJvmAndNeverFewerThanOneIntraOpThread() {
        assertThat(EngineSetup.intraOpThreads(1)).isEqualTo(1);
        assertThat(EngineSetup.intraOpThreads(2)).isEqualTo(1);
        assertThat(EngineSetup.intraOpThreads(16)).isEqualTo(15);
    }
}
