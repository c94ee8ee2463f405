package io.kubenas.e2e.cluster;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real helm binary: $HELM, else .tools/helm/helm (what {@code .ci/install-helm} installs). */
public final class Helm {
    private Helm() {
    }

    public static Path binary() {
        String env = System.getenv("HELM");
        Path helm = env != null && !env.isBlank() ? Path.of(env) : Repo.path(".tools/helm/helm");
        if (!Files.isExecutable(helm)) {
            throw new IllegalStateException("no helm binary at " + helm + ": run `bash .ci/install-helm` (or set $HELM)");
        }
        return helm;
    }
}
