package io.kubenas.trainer.serve;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.kubenas.trainer.manifested.DurableFiles;
import io.kubenas.trainer.manifested.ManifestedDirectory;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads an exported child directory (see {@link ChildDirectory}): verifies every file against the manifest,
 * reads the architecture, and proves the weights fit it by building the network once and running a blank
 * image through it. The network's structure comes from the {@link ChildNetworkFactory} hook.
 */
public final class ChildDirectoryLoader implements ChildModelLoader {
    private final ChildNetworkFactory networks;

    public ChildDirectoryLoader(ChildNetworkFactory networks) {
        this.networks = networks;
    }

    @Override
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
        int channels = architecture.space().input().channels();
        int size = architecture.space().input().size();
        Shape inputShape = new Shape(1, channels, size, size);
        TrainedBlockFactory blocks = manager -> {
            Block block;
            try {
                block = networks.newBlock(architecture);
            } catch (InvalidChildException e) {
                throw new MalformedModelException(e.getMessage(), e);
            }
            block.initialize(manager, DataType.FLOAT32, inputShape);
            Map<String, Shape> expected = new LinkedHashMap<>();
            block.getParameters().forEach(p -> expected.put(p.getKey(), p.getValue().getArray().getShape()));
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters));
            block.loadParameters(manager, in);
            // DJL replaces each array with the loaded one whatever its shape: compare, or a wrong child loads fine.
            for (Pair<String, Parameter> p : block.getParameters()) {
                Shape loaded = p.getValue().getArray().getShape();
                if (!loaded.equals(expected.get(p.getKey()))) {
                    throw new MalformedModelException("parameter " + p.getKey() + " has shape " + loaded + " in " + ChildDirectory.PARAMETERS
                            + ", the network expects " + expected.get(p.getKey()));
                }
            }
            if (in.available() > 0) {
                throw new MalformedModelException(in.available() + " bytes of " + ChildDirectory.PARAMETERS
                        + " are left over: they were written by a larger network");
            }
            return block;
        };
        checkWeightsFit(blocks, inputShape, architecture.space().input().classes());
        return new LoadedChild(childDir, architecture, verified.manifestSha256(), blocks);
    }

    private static void checkWeightsFit(TrainedBlockFactory blocks, Shape inputShape, int classes) throws InvalidChildException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = blocks.newTrainedBlock(manager);
            NDArray logits = block.forward(new ParameterStore(manager, false), new NDList(manager.zeros(inputShape)), false).singletonOrThrow();
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
