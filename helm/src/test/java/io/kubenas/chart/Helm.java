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
        List<String> args = new ArrayList<>(List.of("template", "kubenas", CHART.toString(), "--namespace", "kubenas-system", "--include-crds"));
        args.addAll(List.of(extra));
        Result result = run(args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError("helm template failed: " + result.err());
        }
        return result.out();
    }
}
