package io.kubenas.trainer.search;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** Which devices a search splits its batches over, from the GPUs the spec asks for and those the engine sees. */
class DeviceChoiceTest {

    @Test
    void noGpusAskedTrainsOnTheCpu() {
        assertThat(DeviceChoice.of(0, 4)).containsExactly(Device.cpu());
    }

    @Test
    void gpusAskedButNoneVisibleFallsBackToTheCpu() {
        assertThat(DeviceChoice.of(2, 0)).containsExactly(Device.cpu());
    }

    @Test
    void severalGpusAskedAreUsedDataParallelFromTheFirst() {
        assertThat(DeviceChoice.of(2, 4)).containsExactly(Device.gpu(0), Device.gpu(1));
    }

    @Test
    void moreGpusAskedThanVisibleUsesThoseThereAre() {
        assertThat(DeviceChoice.of(4, 2)).containsExactly(Device.gpu(0), Device.gpu(1));
    }
}
