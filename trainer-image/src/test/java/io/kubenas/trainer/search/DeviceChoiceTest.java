package io.kubenas.trainer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.kubenas.trainer.devices.GpusNotVisibleException;
import io.kubenas.trainer.devices.LoadedLibtorch;
import io.kubenas.trainer.devices.VisibleGpus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which devices a search splits its batches over, from the GPUs the spec asks for and those the engine sees; and
 * what a trainer pod, which is billed for the GPUs it asked for, does when they are not all there.
 */
class DeviceChoiceTest {
    private static final LoadedLibtorch CPU_BUILD = new LoadedLibtorch("/tmp/djl-cache/pytorch/2.7.1-20250812-cpu-linux-x86_64", false);
    private static final LoadedLibtorch CUDA_BUILD = new LoadedLibtorch("/opt/djl-cache/pytorch/2.7.1-cu128-linux-x86_64", true);

    private static VisibleGpus cuda(int gpus) {
        return new VisibleGpus(gpus, CUDA_BUILD, null, null, "GPU-1,GPU-2", List.of("/dev/nvidia0", "/dev/nvidia1").subList(0, Math.min(2, gpus)));
    }

    @Test
    void noGpusAskedTrainsOnTheCpu() {
        assertThat(DeviceChoice.of(0, cuda(4), MissingGpus.FAIL)).containsExactly(Device.cpu());
    }

    @Test
    void severalGpusAskedAreUsedDataParallelFromTheFirst() {
        assertThat(DeviceChoice.of(2, cuda(4), MissingGpus.FAIL)).containsExactly(Device.gpu(0), Device.gpu(1));
    }

    @Test
    void podOnTheCpuImageAskedForGpusFailsTellingToUseTheCudaImage() {
        VisibleGpus cpuImage = new VisibleGpus(0, CPU_BUILD, null, null, null, List.of());

        assertThatThrownBy(() -> DeviceChoice.of(2, cpuImage, MissingGpus.FAIL))
                .isInstanceOf(GpusNotVisibleException.class)
                .hasMessageStartingWith("spec.resources.gpus asks for 2 GPUs but PyTorch sees 0: ")
                .hasMessageContaining("libtorch " + CPU_BUILD.path() + " (CPU build)")
                .hasMessageContaining("CUDA_VISIBLE_DEVICES unset; NVIDIA_VISIBLE_DEVICES unset; no /dev/nvidia<N> device files")
                .hasMessageContaining("CUDA trainer image (the -cu128 tag)")
                .hasMessageContaining("Stopped before training");
    }

    @Test
    void podWhoseCudaLibtorchSeesNoGpuFailsPointingAtTheNode() {
        VisibleGpus hidden = new VisibleGpus(0, CUDA_BUILD, null, "", "void", List.of());

        assertThatThrownBy(() -> DeviceChoice.of(1, hidden, MissingGpus.FAIL))
                .isInstanceOf(GpusNotVisibleException.class)
                .hasMessageStartingWith("spec.resources.gpus asks for 1 GPU but PyTorch sees 0: ")
                .hasMessageContaining("(CUDA build); CUDA_VISIBLE_DEVICES=; NVIDIA_VISIBLE_DEVICES=void")
                .hasMessageContaining("device plugin").hasMessageContaining("RuntimeClass")
                .hasMessageNotContaining("-cu128 tag");
    }

    @Test
    void podWithoutTheNvidiaDriverFailsSayingWhyLibtorchDidNotLoad() {
        VisibleGpus noDriver = new VisibleGpus(0, null, "libcuda.so.1: cannot open shared object file", null, null, List.of());

        assertThatThrownBy(() -> DeviceChoice.of(1, noDriver, MissingGpus.FAIL))
                .hasMessageContaining("libtorch did not load (libcuda.so.1: cannot open shared object file)")
                .hasMessageContaining("NVIDIA container runtime");
    }

    @Test
    void podSeeingFewerGpusThanItAskedForFailsRatherThanPayForIdleOnes() {
        assertThatThrownBy(() -> DeviceChoice.of(4, cuda(2), MissingGpus.FAIL))
                .isInstanceOf(GpusNotVisibleException.class)
                .hasMessageStartingWith("spec.resources.gpus asks for 4 GPUs but PyTorch sees 2: ")
                .hasMessageContaining("device files /dev/nvidia0, /dev/nvidia1");
    }

    @Test
    void localRunAskedForGpusOnACpuMachineTrainsOnTheCpu() {
        VisibleGpus laptop = new VisibleGpus(0, CPU_BUILD, null, null, null, List.of());
        assertThat(DeviceChoice.of(2, laptop, MissingGpus.USE_WHAT_IS_THERE)).containsExactly(Device.cpu());
    }

    @Test
    void localRunWithFewerGpusThanAskedUsesThoseThereAre() {
        assertThat(DeviceChoice.of(4, cuda(2), MissingGpus.USE_WHAT_IS_THERE)).containsExactly(Device.gpu(0), Device.gpu(1));
    }

    @Test
    void driverMissingIsRecognisedAnywhereInTheCauseChain() {
        RuntimeException load = new RuntimeException("Failed to load PyTorch native library",
                new UnsatisfiedLinkError("/opt/djl-cache/pytorch/2.7.1-cu128-linux-x86_64/libcaffe2_nvrtc.so: libcuda.so.1: "
                        + "cannot open shared object file: No such file or directory"));
        assertThat(VisibleGpus.driverMissing(load)).isTrue();
        assertThat(VisibleGpus.driverMissing(new RuntimeException("Failed to load PyTorch native library",
                new UnsatisfiedLinkError("libtorch_cpu.so: invalid ELF header")))).isFalse();
    }
}
