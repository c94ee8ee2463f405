package io.kubenas.trainer.serve.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.child.InvalidChildException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A verified child: its architecture, its identity, and the trained network, as many independent copies as
 * wanted ({@link #newTrainedBlock}).
 *
 * @param dir where it was read from
 * @param architecture the parsed and checked {@code architecture.json}
 * @param digest sha256 of its {@code manifest.json}, which hashes every other file: the child's identity
 * @param parameters the verified bytes of {@code child.params}: every copy loads these, whatever happens to the file later
 * @param networks builds the network {@code parameters} belong to
 */
public record LoadedChild(Path dir, ChildArchitecture architecture, String digest, byte[] parameters, ChildNetworkFactory networks) {

    /** The metadata to serve it under; {@code name} wins over the architecture's name, then {@code kubenas-child}. */
    public ModelMetadata metadata(String name) {
        String modelName = name != null ? name : architecture.name() != null ? architecture.name() : "kubenas-child";
        int size = architecture.space().input().size();
        return new ModelMetadata(modelName, digest.substring(0, 12), digest, architecture.space().input().channels(), size, size,
                architecture.classNamesOrIndices(), architecture.normalization(), architecture.ops(), architecture.accuracy());
    }

    /** One image: the shape the network is initialised with. */
    Shape inputShape() {
        int size = architecture.space().input().size();
        return new Shape(1, architecture.space().input().channels(), size, size);
    }

    /**
     * A new copy of the trained network, initialised and holding the weights, whose parameters belong to
     * {@code manager}. The server makes one per worker, so that no block is ever shared between threads.
     */
    public Block newTrainedBlock(NDManager manager) throws IOException, MalformedModelException {
        Block block;
        try {
            block = networks.newBlock(architecture);
        } catch (InvalidChildException e) {
            throw new MalformedModelException(e.getMessage(), e);
        }
        block.initialize(manager, DataType.FLOAT32, inputShape());
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
    }
}
