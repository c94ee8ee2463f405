package io.kubenas.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.images.FileTree.Node;
import io.kubenas.images.FileTree.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Checks both images must pass: what the chart's pods and a registry expect of any kubenas image. */
final class ImageChecks {

    /** Where the Dockerfiles put the Quarkus fast-jar, and where the pods' command finds it. */
    static final String APP_DIR = "/opt/kubenas";
    /** The chart's pod securityContext: runAsUser and runAsGroup. */
    static final String USER = "10001:10001";

    private ImageChecks() {
    }

    static void runsAsTheChartsNonRootUser(ImageTarball image) {
        assertThat(image.containerConfig().path("User").asText()).as("the image's user").isEqualTo(USER);
    }

    /** The entrypoint execs java directly: no shell is needed (or used) to start the application. */
    static void startsJavaWithoutAShell(ImageTarball image, String... jvmFlags) {
        List<String> expected = new ArrayList<>();
        expected.add("java");
        expected.addAll(List.of(jvmFlags));
        expected.add("-jar");
        expected.add(APP_DIR + "/quarkus-run.jar");
        assertThat(image.entrypoint()).as("the entrypoint").containsExactlyElementsOf(expected);
        // "java" is looked up in the image's PATH by the runtime: it must name an executable file there.
        String path = image.env().getOrDefault("PATH", "");
        assertThat(Stream.of(path.split(":")).map(dir -> image.files().resolve(dir + "/java")).flatMap(Optional::stream)
                .filter(n -> n.type() == Type.FILE && (n.mode() & 0111) != 0).findFirst())
                .as("an executable java in the image's PATH (%s)", path).isPresent();
    }

    static void exposesPort8080(ImageTarball image) {
        assertThat(image.containerConfig().path("ExposedPorts").has("8080/tcp")).as("ExposedPorts: %s",
                image.containerConfig().path("ExposedPorts")).isTrue();
    }

    static void carriesTheOciLabelsOfThisBuild(ImageTarball image) {
        Map<String, String> labels = image.labels();
        assertThat(labels).containsEntry("org.opencontainers.image.source", BuiltImages.property("kubenas.image.source"));
        assertThat(labels).containsEntry("org.opencontainers.image.version", BuiltImages.property("kubenas.image.tag"));
        assertThat(labels.get("org.opencontainers.image.revision")).as("the revision label")
                .matches("[0-9a-f]{40}").isEqualTo(BuiltImages.property("kubenas.image.revision"));
    }

    /**
     * /opt/kubenas holds exactly the module's fast-jar, file for file and size for size, owned by root and not writable by
     * the user the pods run as; Jib's own Java layout (/app) is not there, so no jar travels twice.
     */
    static void holdsTheFastJarReadOnly(ImageTarball image, String module) {
        Path app = BuiltImages.quarkusApp(module);
        Map<String, Long> expected = new TreeMap<>();
        try (Stream<Path> files = Files.walk(app)) {
            files.filter(Files::isRegularFile).forEach(f -> expected.put(APP_DIR + "/" + app.relativize(f), size(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(expected).as("the fast-jar in %s", app).containsKey(APP_DIR + "/quarkus-run.jar");
        Map<String, Long> actual = new TreeMap<>();
        for (Node n : image.files().walk(APP_DIR)) {
            if (n.type() == Type.FILE) {
                actual.put(n.path(), n.size());
            }
            assertThat(n.writableByOthersThanRoot()).as("%s is root's and read-only to others (mode %o, uid %d)", n.path(),
                    n.mode(), n.uid()).isFalse();
        }
        List<String> differences = new ArrayList<>();
        expected.forEach((file, size) -> {
            if (!actual.containsKey(file)) {
                differences.add("missing " + file);
            } else if (!actual.get(file).equals(size)) {
                differences.add(file + " has " + actual.get(file) + " bytes, the build's " + size);
            }
        });
        actual.keySet().stream().filter(f -> !expected.containsKey(f)).forEach(f -> differences.add("not in the build: " + f));
        assertThat(differences).as("the files under %s against %s (a stale image? rebuild it: %s)", APP_DIR, app,
                BuiltImages.BUILD_COMMAND).isEmpty();
        assertThat(image.files().walk("/app")).as("Jib's default Java layout (/app), dropped by the layer filter")
                .allMatch(n -> n.type() == Type.DIRECTORY);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
