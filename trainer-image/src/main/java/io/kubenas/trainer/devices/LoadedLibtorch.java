package io.kubenas.trainer.devices;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;

/**
 * The libtorch DJL's PyTorch engine loaded: where from, and whether it was built with CUDA (a CPU build sees no
 * GPU whatever the node has). Which one loads is DJL's choice ({@code ai.djl.pytorch.jni.LibUtils}): the
 * directory in {@code PYTORCH_LIBRARY_PATH} first, else a native jar on the classpath, else its cache or a download
 * (see trainer-image/Dockerfile.cuda).
 *
 * @param path the directory its libtorch was loaded from
 * @param cudaBuild true when it was built with CUDA
 */
public record LoadedLibtorch(String path, boolean cudaBuild) {

    /** The libtorch behind {@code engine}, which must be DJL's PyTorch engine (loading it if it was not yet). */
    public static LoadedLibtorch of(Engine engine) {
        return new LoadedLibtorch(LibUtils.getLibtorchPath(), engine.hasCapability(StandardCapabilities.CUDA));
    }

    /** As {@code kubenas engine} prints it, e.g. {@code /opt/djl-cache/pytorch/2.7.1-cu128-linux-x86_64 (CUDA build)}. */
    @Override
    public String toString() {
        return path + (cudaBuild ? " (CUDA build)" : " (CPU build)");
    }
}
