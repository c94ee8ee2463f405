package io.kubenas.trainer.search;

import ai.djl.Device;
import io.kubenas.trainer.devices.GpusNotVisibleException;
import io.kubenas.trainer.devices.VisibleGpus;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** The devices a search splits its batches over. */
final class DeviceChoice {
    private static final Logger LOG = Logger.getLogger(DeviceChoice.class);

    private DeviceChoice() {
    }

    /**
     * The first {@code gpusAsked} GPUs (data parallel when more than one); the CPU when the spec asks for none.
     * When the engine sees fewer than asked, {@code missing} decides: a trainer pod fails (its GPUs are billed
     * whether it uses them or not), a local run uses the GPUs there are, or the CPU.
     *
     * @throws GpusNotVisibleException when {@code missing} is {@link MissingGpus#FAIL} and GPUs are missing
     */
    static List<Device> of(int gpusAsked, VisibleGpus seen, MissingGpus missing) {
        if (gpusAsked <= 0) {
            return List.of(Device.cpu());
        }
        int gpusSeen = seen.engineGpus();
        if (gpusSeen < gpusAsked && missing == MissingGpus.FAIL) {
            throw new GpusNotVisibleException(gpusAsked, seen);
        }
        if (gpusSeen <= 0) {
            LOG.warnf("the spec asks for %d GPU(s) but the engine sees none (%s): training on the CPU", gpusAsked, seen.facts());
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
