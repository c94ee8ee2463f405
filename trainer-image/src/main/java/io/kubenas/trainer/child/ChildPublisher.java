package io.kubenas.trainer.child;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Makes an exported child available to serving pods; the names of what it published go to status.child.configMaps. */
@FunctionalInterface
public interface ChildPublisher {
    /** A local run: the child stays in its folder, which {@code serve} reads directly. */
    ChildPublisher NONE = (dir, sha256) -> List.of();

    /** Publishes the verified child in {@code dir} (manifest digest {@code sha256}); returns the names, in order. */
    List<String> publish(Path dir, String sha256) throws IOException;
}
