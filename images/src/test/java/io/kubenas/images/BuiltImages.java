package io.kubenas.images;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The image tarballs the `images` profile builds, each read once per test run. */
final class BuiltImages {

    /** The command that builds both images; printed when a tarball is missing. */
    static final String BUILD_COMMAND = "mvn -B -Pimages package -DskipTests   (or mvn -B -Pimages verify, which also runs these tests)";

    private static final Map<String, ImageTarball> READ = new ConcurrentHashMap<>();

    private BuiltImages() {
    }

    static ImageTarball operator() {
        return read("operator/target/jib-image.tar");
    }

    static ImageTarball trainer() {
        return read("trainer-image/target/jib-image.tar");
    }

    /** The fast-jar an image was built from (its module's target/quarkus-app). */
    static Path quarkusApp(String module) {
        return repoRoot().resolve(module).resolve("target/quarkus-app");
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("kubenas.repo.root", "..")).toAbsolutePath().normalize();
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            fail("system property " + name + " is not set: run these tests through Maven (" + BUILD_COMMAND + ")");
        }
        return value;
    }

    private static ImageTarball read(String relative) {
        return READ.computeIfAbsent(relative, r -> {
            Path tarball = repoRoot().resolve(r);
            if (!Files.isRegularFile(tarball)) {
                fail("no image tarball at " + tarball + ": build the images first, from " + repoRoot() + ":\n  "
                        + BUILD_COMMAND + "\n(the Debian base images come from images/build-base, which needs root the first time)");
            }
            return ImageTarball.read(tarball);
        });
    }
}
