package io.kubenas.trainer.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.kubenas.trainer.devices.LoadedLibtorch;
import io.kubenas.trainer.dsnas.EngineSetup;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Loads the deep-learning engine and prints what it found. Users check their GPUs with it; the CUDA image
 * build runs it to have DJL fetch the CUDA natives at build time, never at run time, and again to check that
 * the image loads them (its {@code libtorch:} line).
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Load the PyTorch engine and print its version, where its libtorch came from and the devices it can use.")
public class EngineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Loaded as a search loads it, so the threads line tells what a search here runs with.
        Engine engine = EngineSetup.pytorch();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("engine:   %s %s%n", engine.getEngineName(), engine.getVersion());
        out.printf("libtorch: %s%n", LoadedLibtorch.of(engine));
        out.printf("gpus:     %d%n", engine.getGpuCount());
        for (Device device : engine.getDevices()) {
            out.printf("device:   %s%n", device);
        }
        out.printf("threads:  %d intra-op, %d inter-op (%d available processors)%n", JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(), Runtime.getRuntime().availableProcessors());
        out.flush();
        return 0;
    }
}
