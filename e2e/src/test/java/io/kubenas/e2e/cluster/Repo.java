package io.kubenas.e2e.cluster;

import java.nio.file.Path;

/** The checkout the tests run in (set by the module's pom as {@code kubenas.repo.root}). */
public final class Repo {
    private Repo() {
    }

    public static Path root() {
        return Path.of(System.getProperty("kubenas.repo.root", "..")).toAbsolutePath().normalize();
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
