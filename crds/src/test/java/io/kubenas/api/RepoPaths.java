package io.kubenas.api;

import java.nio.file.Path;

/** Paths in the repository, for tests that check committed files. */
public final class RepoPaths {
    private RepoPaths() {
    }

    public static Path root() {
        return Path.of(System.getProperty("kubenas.repo.root", "..")).toAbsolutePath().normalize();
    }
}
