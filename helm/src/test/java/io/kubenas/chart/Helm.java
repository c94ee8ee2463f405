package io.kubenas.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real helm binary: from $HELM, then .tools/helm/helm (what .ci/run installs), then the PATH. */
final class Helm {
    static final Path ROOT = Path.of(System.getProperty("kubenas.repo.root", "..")).toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("helm/kubenas");

    record Result(int exitCode, String out, String err) {
    }

    private Helm() {
    }

    static String binary() {
        String env = System.getenv("HELM");
        if (env != null && !env.isBlank()) {
            return env;
        }
        Path tools = ROOT.resolve(".tools/helm/helm");
        if (Files.isExecutable(tools)) {
            return tools.toString();
        }
        return "helm";
    }

    static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("helm did not finish in 120 s: " + command);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run helm (" + binary() + "): install it with `bash .ci/install-helm`"
                    + " or set $HELM to a helm binary", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code helm template} with the given extra arguments; fails the test when helm fails. */
    static String template(String... extra) {
        Result result = tryTemplate(extra);
        if (result.exitCode() != 0) {
            throw new AssertionError("helm template failed: " + result.err());
        }
        return result.out();
    }

    /** {@code helm template} with the given extra arguments, whether it succeeds or not. */
    static Result tryTemplate(String... extra) {
        List<String> args = new ArrayList<>(List.of("template", "kubenas", CHART.toString(), "--namespace", "kubenas-system", "--include-crds"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    /**
     * The rendered NOTES.txt, as {@code helm install} prints it: {@code helm template} does not render the notes,
     * a client-side dry run does (and contacts no cluster).
     */
    static String notes(String... extra) {
        List<String> args = new ArrayList<>(List.of("install", "kubenas", CHART.toString(), "--namespace", "kubenas-system",
                "--dry-run=client"));
        args.addAll(List.of(extra));
        Result result = run(args.toArray(String[]::new));
        int notes = result.out().indexOf("NOTES:\n");
        if (result.exitCode() != 0 || notes < 0) {
            throw new AssertionError("helm install --dry-run=client printed no notes: " + result.out() + result.err());
        }
        return result.out().substring(notes + "NOTES:\n".length());
    }

    /** The values files of helm/kubenas/ci/, each a case the tests render and check (chart-testing's convention). */
    static List<Path> ciValues() {
        try (var files = Files.list(CHART.resolve("ci"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
