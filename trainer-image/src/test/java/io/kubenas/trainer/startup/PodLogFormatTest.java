package io.kubenas.trainer.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerExitCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What trainer and serving pods print, from the packaged application started as the images start it: with
 * {@code KUBENAS_LOG_FORMAT=json} (what the operator sets for the chart's {@code logs.format=json}) every line is one
 * JSON object, Quarkus' own records and the command's error messages included; without it, the plain lines of a local
 * run. Child processes after {@code package} ({@code mvn verify}).
 */
@Tag("slow") // whole searches or a child process: left out of the fast loop (-Pfast)
class PodLogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rejected by the CRD's schema: the trainer exits 64 and says why, on its error stream. */
    private static final String INVALID_SEARCH = """
            apiVersion: kubenas.io/v1alpha1
            kind: NasSearch
            metadata:
              name: broken
            spec:
              dataset:
                builtin: fashion-mnist
              budget:
                deviceHours: -1
            """;

    @TempDir
    Path temp;

    @BeforeAll
    static void packaged() throws IOException {
        PackagedApplication.requireUpToDate();
    }

    @Test
    void aTrainerPodToldJsonPrintsOnlyJsonLinesItsRejectionOfTheSpecIncluded() throws Exception {
        Run run = search(Map.of(PodContract.ENV_LOG_FORMAT, "json"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(TrainerExitCode.INVALID_INPUT.code());
        List<JsonNode> records = run.jsonRecords();
        assertThat(records).anySatisfy(r -> {
            assertThat(r.path("level").asText()).isEqualTo("ERROR");
            assertThat(r.path("message").asText()).isEqualTo("search: the NasSearch is not valid:");
        });
        assertThat(records).anySatisfy(r -> assertThat(r.path("message").asText()).startsWith("  ").contains("deviceHours"));
        assertThat(records).allSatisfy(r -> assertThat(r.has("timestamp") && r.has("loggerName")).as(r.toString()).isTrue());
    }

    @Test
    void aServingPodToldJsonPrintsQuarkusBootAndItsFailureAsJsonLines() throws Exception {
        Run run = serve(Map.of(PodContract.ENV_LOG_FORMAT, "json"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(TrainerExitCode.INVALID_INPUT.code());
        List<JsonNode> records = run.jsonRecords();
        assertThat(records).as("Quarkus' boot line").anySatisfy(r -> assertThat(r.path("loggerName").asText()).startsWith("io.quarkus"));
        assertThat(records).anySatisfy(r -> {
            assertThat(r.path("level").asText()).isEqualTo("ERROR");
            assertThat(r.path("message").asText()).startsWith("serve: cannot serve " + temp.resolve("no-child"));
        });
    }

    @Test
    void withoutTheVariableBothPrintPlainLinesAsALocalRunDoes() throws Exception {
        Run search = search(Map.of());
        Run serve = serve(Map.of());

        assertThat(search.exitCode()).as(search.output()).isEqualTo(TrainerExitCode.INVALID_INPUT.code());
        assertThat(search.output().lines()).contains("search: the NasSearch is not valid:");
        assertThat(serve.output().lines()).anySatisfy(l -> assertThat(l).startsWith("serve: cannot serve "));
        assertThat(serve.output()).contains("INFO  [io.quarkus]");
        for (Run run : List.of(search, serve)) {
            assertThat(run.output().lines()).as(run.output()).noneMatch(l -> l.startsWith("{"));
        }
    }

    @Test
    void anUnknownFormatIsRejectedInputBeforeBoot() throws Exception {
        Run run = search(Map.of(PodContract.ENV_LOG_FORMAT, "logfmt"));

        assertThat(run.exitCode()).isEqualTo(TrainerExitCode.INVALID_INPUT.code());
        assertThat(run.output().strip()).isEqualTo("kubenas: KUBENAS_LOG_FORMAT=logfmt: expected one of text, json");
    }

    private Run search(Map<String, String> env) throws Exception {
        Path spec = Files.writeString(temp.resolve("search.yaml"), INVALID_SEARCH);
        return app(env, "search", "--spec", spec.toString(), "--workdir", Files.createDirectories(temp.resolve("work")).toString());
    }

    private Run serve(Map<String, String> env) throws Exception {
        return app(env, "serve", "--child", temp.resolve("no-child").toString(), "--port", String.valueOf(freePort()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The packaged application with stdout and stderr together, as a container runtime keeps a pod's log. */
    private Run app(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PackagedApplication.java(), "-Dai.djl.offline=true", "-jar",
                PackagedApplication.APP.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(temp, "app", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove(PodContract.ENV_LOG_FORMAT);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {
        /** Every non-blank line, each of which must be one JSON object. */
        List<JsonNode> jsonRecords() {
            List<JsonNode> records = new ArrayList<>();
            for (String line : output.lines().filter(l -> !l.isBlank()).toList()) {
                JsonNode record;
                try {
                    record = JSON.readTree(line);
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line + "\nin:\n" + output, e);
                }
                assertThat(record.isObject()).as("not a JSON object: " + line).isTrue();
                records.add(record);
            }
            assertThat(records).as("no output at all").isNotEmpty();
            return records;
        }
    }
}
