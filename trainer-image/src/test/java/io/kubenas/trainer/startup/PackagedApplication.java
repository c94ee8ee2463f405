package io.kubenas.trainer.startup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The application as {@code package} leaves it (target/quarkus-app), for tests that run it as a child process:
 * {@code mvn verify} runs them after {@code package} (surefire execution {@code packaged-app} in this module's pom).
 */
public final class PackagedApplication {
    /** The launcher, relative to the module (surefire's working directory). */
    public static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private PackagedApplication() {
    }

    /** Fails the calling test class unless the packaged application exists and is newer than the compiled classes. */
    public static void requireUpToDate() throws IOException {
        assertTrue(Files.isRegularFile(APP), "the application is not packaged (" + APP.toAbsolutePath()
                + "): run `mvn -pl trainer-image package -DskipTests` first, or `mvn verify`");
        long packaged;
        try (Stream<Path> jars = Files.list(APP.getParent().resolve("app"))) {
            packaged = jars.mapToLong(PackagedApplication::modified).max().orElse(0);
        }
        long compiled;
        try (Stream<Path> files = Files.walk(Path.of("target", "classes"))) {
            compiled = files.filter(Files::isRegularFile).mapToLong(PackagedApplication::modified).max().orElse(0);
        }
        assertTrue(packaged >= compiled, "the packaged application is older than target/classes: run "
                + "`mvn -pl trainer-image package -DskipTests` first, or `mvn verify`");
    }

    /** The java launcher of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
