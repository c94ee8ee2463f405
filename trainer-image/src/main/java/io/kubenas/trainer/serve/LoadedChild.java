package io.kubenas.trainer.serve;

import java.nio.file.Path;

/**
 * A verified child: its architecture, its identity, and a factory of independent trained instances.
 *
 * @param dir where it was read from
 * @param architecture the parsed and checked {@code architecture.json}
 * @param digest sha256 of its {@code manifest.json}, which hashes every other file: the child's identity
 * @param blocks makes one trained network per worker
 */
public record LoadedChild(Path dir, ChildArchitecture architecture, String digest, TrainedBlockFactory blocks) {

    /** The metadata to serve it under; {@code name} wins over the architecture's name, then {@code kubenas-child}. */
    public ModelMetadata metadata(String name) {
        String modelName = name != null ? name : architecture.name() != null ? architecture.name() : "kubenas-child";
        int size = architecture.space().input().size();
        return new ModelMetadata(modelName, digest.substring(0, 12), digest, architecture.space().input().channels(), size, size,
                architecture.classNamesOrIndices(), architecture.normalization(), architecture.ops(), architecture.accuracy());
    }
}
