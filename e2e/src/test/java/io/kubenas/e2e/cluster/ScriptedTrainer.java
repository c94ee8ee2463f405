package io.kubenas.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The stand-in trainer image {@code kubenas-test/scripted-trainer} ({@code src/test/resources/scripted-trainer.py}):
 * it keeps the trainer's pod contract but does what the test appends to its script, one line at a time, so a test
 * decides exactly when an attempt pushes progress, exits (and with what code and termination message), or is left
 * running until Kubernetes stops it (SIGTERM: exit 75). The real trainer runs in {@code RealTrainerTest} and
 * {@code LifecycleTest}; this one drives the operator through the cases a real trainer cannot be made to hit on cue.
 */
public final class ScriptedTrainer {
    public static final String IMAGE = "kubenas-test/scripted-trainer:1";
    private static final Path SCRIPTS = Repo.path("e2e/target/trainer-scripts");

    private ScriptedTrainer() {
    }

    /** The process kubelet's image entry (appended to the cluster's images by {@link TestCluster}). */
    static String imageEntry() {
        return "\"kubenas-test/scripted-trainer:*\":\n"
                + "  files: {/opt/kubenas-test/scripted-trainer.py: \"" + Repo.path("e2e/src/test/resources/scripted-trainer.py")
                + "\", /opt/kubenas-test/scripts: \"" + SCRIPTS + "\"}\n"
                + "  entrypoint: [\"/usr/bin/python3\", \"/opt/kubenas-test/scripted-trainer.py\"]\n"
                + "  env: {KUBENAS_TEST_SCRIPTS: /opt/kubenas-test/scripts, PYTHONUNBUFFERED: \"1\"}\n";
    }

    /** Appends lines to what attempt {@code attempt} of the search runs (it may be running already). */
    public static void tell(String namespace, String search, int attempt, String... lines) {
        Path script = SCRIPTS.resolve(namespace).resolve(search).resolve("attempt-" + attempt);
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
    }

    /** Forgets every script (a fresh test run). */
    static void reset() throws IOException {
        delete(SCRIPTS);
        Files.createDirectories(SCRIPTS);
    }

    /** Forgets the scripts of one namespace's searches (the namespace is made afresh). */
    public static void forget(String namespace) {
        try {
            delete(SCRIPTS.resolve(namespace));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
