package io.kubenas.trainer.devices;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What this process sees of GPUs, as a trainer that was given some and cannot use them reports it: the engine's
 * count, the libtorch it loaded (a CPU build sees none whatever the node has), and what decides which devices a
 * container gets (the variables the NVIDIA container runtime reads and sets, the device files it mounts).
 *
 * @param engineGpus GPUs the engine sees
 * @param libtorch the libtorch that loaded; null when none could (see {@code loadError})
 * @param loadError why libtorch did not load, or null
 * @param cudaVisibleDevices {@code CUDA_VISIBLE_DEVICES}, null when unset
 * @param nvidiaVisibleDevices {@code NVIDIA_VISIBLE_DEVICES}, null when unset
 * @param deviceFiles the {@code /dev/nvidia<N>} files, one per GPU the container runtime mounted
 */
public record VisibleGpus(int engineGpus, LoadedLibtorch libtorch, String loadError, String cudaVisibleDevices,
        String nvidiaVisibleDevices, List<String> deviceFiles) {
    private static final Pattern GPU_DEVICE_FILE = Pattern.compile("nvidia\\d+");

    /** What the loaded {@code engine} sees, with the container's {@code env} and its device directory {@code dev}. */
    public static VisibleGpus of(Engine engine, Map<String, String> env, Path dev) {
        return new VisibleGpus(engine.getGpuCount(), LoadedLibtorch.of(engine), null, env.get("CUDA_VISIBLE_DEVICES"),
                env.get("NVIDIA_VISIBLE_DEVICES"), deviceFiles(dev));
    }

    /** No engine: libtorch failed to load with {@code error}. */
    public static VisibleGpus notLoaded(String error, Map<String, String> env, Path dev) {
        return new VisibleGpus(0, null, error, env.get("CUDA_VISIBLE_DEVICES"), env.get("NVIDIA_VISIBLE_DEVICES"), deviceFiles(dev));
    }

    /**
     * True when {@code error} (a failed engine load) says the NVIDIA driver's library is missing: a CUDA libtorch in
     * a container the NVIDIA runtime did not set up, i.e. given no GPU it can reach.
     */
    public static boolean driverMissing(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("libcuda.so")) {
                return true;
            }
        }
        return false;
    }

    /** One line of facts, e.g. {@code libtorch /opt/... (CPU build); CUDA_VISIBLE_DEVICES unset; ...}. */
    public String facts() {
        return (libtorch != null ? "libtorch " + libtorch : "libtorch did not load (" + loadError + ")")
                + "; CUDA_VISIBLE_DEVICES" + shown(cudaVisibleDevices)
                + "; NVIDIA_VISIBLE_DEVICES" + shown(nvidiaVisibleDevices)
                + "; " + (deviceFiles.isEmpty() ? "no /dev/nvidia<N> device files" : "device files " + String.join(", ", deviceFiles));
    }

    /** What to check, most likely cause first. */
    public String advice() {
        if (libtorch != null && !libtorch.cudaBuild()) {
            return "This libtorch is a CPU build and never sees a GPU: give GPU searches the CUDA trainer image (the -cu128 tag), "
                    + "not the CPU one (spec.trainerImage, or the chart's trainer.image.tag).";
        }
        return "Check that the node's GPU device plugin allocates GPUs to this pod and that the pod runs under the NVIDIA "
                + "container runtime (the node's default runtime, or a RuntimeClass), which mounts the driver and the "
                + "/dev/nvidia<N> devices and sets NVIDIA_VISIBLE_DEVICES; and that nothing sets CUDA_VISIBLE_DEVICES "
                + "to hide them.";
    }

    private static String shown(String value) {
        return value == null ? " unset" : "=" + value;
    }

    private static List<String> deviceFiles(Path dev) {
        if (!Files.isDirectory(dev)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dev)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> GPU_DEVICE_FILE.matcher(n).matches())
                    .sorted().map(n -> dev.resolve(n).toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
