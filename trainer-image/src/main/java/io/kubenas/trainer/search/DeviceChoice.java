package io.kubenas.trainer.search;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** The devices a search splits its batches over. */
final class DeviceChoice {
    private static final Logger LOG = Logger.getLogger(DeviceChoice.class);

    private DeviceChoice() {
    }

    /**
     * The first {@code gpusAsked} GPUs (data parallel when more than one), as many as the engine sees; the CPU
     * when the spec asks for none or none is visible.
     */
    static List<Device> of(int gpusAsked, int gpusSeen) {
        if (gpusAsked <= 0) {
            return List.of(Device.cpu());
        }
        if (gpusSeen <= 0) {
            LOG.warnf("the spec asks for %d GPU(s) but the engine sees none: training on the CPU", gpusAsked);
            return List.of(Device.cpu());
        }
        if (gpusSeen < gpusAsked) {
            LOG.warnf("the spec asks for %d GPUs but the engine sees %d: training on %d", gpusAsked, gpusSeen, gpusSeen);
        }
        List<Device> gpus = new ArrayList<>();
        for (int i = 0; i < Math.min(gpusAsked, gpusSeen); i++) {
            gpus.add(Device.gpu(i));
        }
        return List.copyOf(gpus);
    }
}
