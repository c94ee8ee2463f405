package io.kubenas.trainer.serve.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.child.ChildManifest;
import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.manifested.DurableFiles;
import io.kubenas.trainer.manifested.ManifestedDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads an exported child directory (see {@link ChildDirectory}): verifies every file against the manifest,
 * reads the architecture, and proves the weights fit it by building the network once and running a blank
 * image through it. The network's structure comes from the {@link ChildNetworkFactory} hook.
 */
public final class ChildDirectoryLoader {
    private final ChildNetworkFactory networks;

    public ChildDirectoryLoader(ChildNetworkFactory networks) {
        this.networks = networks;
    }

    /**
     * @throws InvalidChildException when the directory is missing, incomplete, corrupt or inconsistent; the
     *                               message names the file and the problem
     */
    public LoadedChild load(Path childDir) throws InvalidChildException {
        ManifestedDirectory<ChildManifest> verified = ChildDirectory.verify(childDir);
        ChildArchitecture architecture = ChildDirectory.readArchitecture(childDir);
        byte[] parameters;
        try {
            // Held in memory: every worker loads the bytes that were verified, whatever happens to the file later.
            parameters = Files.readAllBytes(childDir.resolve(ChildDirectory.PARAMETERS));
            if (!DurableFiles.sha256(parameters).equals(verified.sha256Of(ChildDirectory.PARAMETERS))) {
                throw new InvalidChildException(ChildDirectory.PARAMETERS + " changed while the child was being loaded");
            }
        } catch (IOException e) {
            throw new InvalidChildException("cannot read " + childDir.resolve(ChildDirectory.PARAMETERS) + ": " + e.getMessage(), e);
        }
        LoadedChild child = new LoadedChild(childDir, architecture, verified.manifestSha256(), parameters, networks);
        checkWeightsFit(child);
        return child;
    }

    private static void checkWeightsFit(LoadedChild child) throws InvalidChildException {
        int classes = child.architecture().space().input().classes();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = child.newTrainedBlock(manager);
            NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(manager.zeros(child.inputShape())), false)
                    .singletonOrThrow();
            if (!logits.getShape().equals(new Shape(1, classes))) {
                throw new InvalidChildException("the network built from " + ChildDirectory.ARCHITECTURE + " returns " + logits.getShape()
                        + " for one image, expected logits (1, " + classes + ")");
            }
        } catch (MalformedModelException e) {
            if (e.getCause() instanceof InvalidChildException cause) {
                throw cause;
            }
            throw new InvalidChildException(ChildDirectory.PARAMETERS + " does not fit the network described by " + ChildDirectory.ARCHITECTURE
                    + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidChildException(ChildDirectory.PARAMETERS + " does not fit the network described by " + ChildDirectory.ARCHITECTURE
                    + ": " + e.getMessage(), e);
        }
    }
}
