package io.kubenas.trainer.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kubenas.trainer.search.SearchOutcome;
import io.kubenas.trainer.startup.PackagedApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code run --serve} and SIGTERM during {@code serve} stop the server cleanly: the request in
 * flight is answered, one line logs the stop, and the exit code is 0. Quarkus' in-process launcher cannot take
 * a signal, so this runs the packaged application as a child process: {@code mvn verify} runs it after
 * {@code package} (surefire execution {@code packaged-app} in this module's pom); under {@code mvn test} it is
 * skipped unless an up-to-date package is already there.
 */
@Tag("slow") // whole searches or a child process: left out of the fast loop (-Pfast)
class ServerStopsCleanlyOnSignalTest {
    private static final Path APP = PackagedApplication.APP;
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private Process process;
    private Path log;

    @BeforeAll
    static void packagedAppIsUpToDate() throws IOException {
        PackagedApplication.requireUpToDate();
        FashionMnistChildren.requireInstalled();
    }

    @AfterEach
    void killWhatIsLeft() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void ctrlCWhileRunServeServesStopsTheServerWithExitCodeZero() throws Exception {
        Path manifest = Files.writeString(temp.resolve("search.yaml"), FashionMnistChildren.manifest("ctrl-c", 5, 0));
        int port = freePort();
        start("run", manifest.toString(), "--workdir", temp.resolve("work").toString(), "--max-steps", "5", "--serve",
                "--port", Integer.toString(port));
        awaitReady(port, Duration.ofMinutes(3));
        assertThat(ignored("INT")).as("the server was started with SIGINT's default action").isFalse();
        assertThat(new InferenceClient(URI.create("http://127.0.0.1:" + port), "ctrl-c")
                .labels(FashionMnistChildren.pixels(FashionMnistChildren.testImages(), 0, 1), 1, 1, 28, 28)).hasSize(1);

        signal("INT");
        long signalled = System.nanoTime();

        assertThat(process.waitFor(STOPS_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("stopped within %s", STOPS_WITHIN).isTrue();
        System.out.printf("run --serve exited %d ms after SIGINT%n", (System.nanoTime() - signalled) / 1_000_000);
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("serving:       http://localhost:" + port + "/v2/models/ctrl-c (Ctrl-C stops)")
                .doesNotContain("Listening on:").doesNotContain("Unknown keyword");
        assertThat(stopLines(output)).singleElement().asString().contains("ctrl-c").contains("after 1 inference requests (SIGINT)");
    }

    @Test
    void sigtermDuringServeAnswersTheRequestInFlightAndExitsWithZero() throws Exception {
        SearchOutcome trained = FashionMnistChildren.train(temp.resolve("work"), "sigterm", 5, 0);
        int port = freePort();
        // About a second of work on two cores: still running when the signal comes 300 ms after it was sent.
        int batch = 1000;
        start("serve", "--child", trained.childDir().toString(), "--port", Integer.toString(port), "--max-batch", Integer.toString(batch),
                "--workers", "1", "--max-request-bytes", "64M");
        awaitReady(port, Duration.ofMinutes(1));
        String body = InferenceClient.requestBody(FashionMnistChildren.pixels(FashionMnistChildren.testImages(), 0, batch), batch, 1, 28, 28);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long sent = System.nanoTime();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v2/models/sigterm/infer"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        signal("TERM");
        long signalled = System.nanoTime();

        HttpResponse<String> response = inFlight.get(60, TimeUnit.SECONDS);
        long answered = System.nanoTime();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"shape\":[" + batch + "]");
        assertThat(process.waitFor(STOPS_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("stopped within %s of the answer", STOPS_WITHIN)
                .isTrue();
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(stopLines(output)).singleElement().asString().contains("sigterm").contains("after 1 inference requests (SIGTERM)");
        System.out.printf("in-flight request: sent, SIGTERM %d ms later, answered %d ms after the signal; exited %d ms after the answer%n",
                (signalled - sent) / 1_000_000, (answered - signalled) / 1_000_000, (System.nanoTime() - answered) / 1_000_000);
        System.out.println(stopLines(output).get(0));
    }

    private void start(String... args) throws IOException {
        log = temp.resolve("output.log");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                // A shell that ran this build in the background (CI has no terminal) leaves SIGINT ignored, and
                // ignored signals stay ignored across exec: env restores the default action, as a terminal's shell would.
                Stream.of("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true", "-jar",
                        APP.toString()), Stream.of(args)).toList());
        builder.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReady(int port, Duration within) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/health/ready")).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the application exited with " + process.exitValue() + " before it was ready:\n" + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // HTTP is not up yet.
            }
            Thread.sleep(200);
        }
        fail("not ready within " + within + ":\n" + Files.readString(log));
    }

    private void signal(String name) throws Exception {
        int code = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        assertThat(code).as("kill -%s", name).isZero();
    }

    /** Whether the child process ignores the signal (inherited from a shell that started us in the background). */
    private boolean ignored(String name) throws IOException {
        int number = name.equals("INT") ? 2 : 15;
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }

    private static java.util.List<String> stopLines(String output) {
        return output.lines().filter(line -> line.contains("stopped serving")).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
