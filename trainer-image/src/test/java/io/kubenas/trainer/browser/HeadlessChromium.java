package io.kubenas.trainer.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubenas.trainer.manifested.DurableFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools Protocol ({@link DevToolsSession}): the real
 * browser engine, with nothing between it and the test but the JDK's HTTP and WebSocket clients (no WebDriver, whose
 * driver must match the browser's version, and no npm). It starts with a fresh profile, and with the flags that keep it
 * from reaching any network of its own.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final DevToolsSession page;

    private HeadlessChromium(Process process, Path profile, DevToolsSession page) {
        this.process = process;
        this.profile = profile;
        this.page = page;
    }

    /** Fails the calling test, saying how to install it, when Debian's chromium is missing (./run-tests installs it). */
    public static void requireInstalled() {
        assertTrue(Files.isExecutable(BINARY), "Debian's chromium is not installed at " + BINARY + ": apt-get install -y chromium");
    }

    /** Starts the browser with one blank page, {@code width} CSS pixels wide, ready for {@link #open}. */
    public static HeadlessChromium start(int width) throws Exception {
        requireInstalled();
        Path profile = Files.createTempDirectory("kubenas-chromium-");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=" + width + ",900", "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            int port = devToolsPort(process, profile);
            return new HeadlessChromium(process, profile, DevToolsSession.connect(pageSocket(port)));
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Chromium writes the port it chose into the profile once DevTools listens. */
    private static int devToolsPort(Process process, Path profile) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chromium exited with " + process.exitValue() + ": " + Files.readString(profile.resolve("chromium.log")));
            }
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromium did not open DevTools within " + START_TIMEOUT);
    }

    private static URI pageSocket(int port) throws Exception {
        HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode pages = JSON.readTree(list.body());
        return StreamSupport.stream(pages.spliterator(), false).filter(p -> "page".equals(p.path("type").asText()))
                .map(p -> URI.create(p.get("webSocketDebuggerUrl").asText())).findFirst()
                .orElseThrow(() -> new IllegalStateException("chromium has no page: " + list.body()));
    }

    /** Listens to the page's console, exceptions and log, then loads {@code url} and waits for its load event. */
    public void open(URI url) throws Exception {
        page.send("Runtime.enable");
        page.send("Log.enable");
        page.send("Page.enable");
        page.send("Page.navigate", Map.of("url", url.toString()));
        page.awaitEvent("Page.loadEventFired", e -> true, Duration.ofSeconds(60));
    }

    /** Evaluates a JavaScript expression in the page and returns its value as JSON. */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode result = page.send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code expression} is true in the page. */
    public void awaitTrue(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!evaluate(expression).asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not true within " + timeout + ": " + expression);
            }
            Thread.sleep(100);
        }
    }

    /**
     * What the page reported as an error: console.error and failed console.assert calls, uncaught exceptions, and the
     * browser's own error log entries (a failed or refused request, a Content-Security-Policy violation).
     */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (JsonNode call : page.events("Runtime.consoleAPICalled")) {
            String type = call.path("type").asText();
            if (type.equals("error") || type.equals("assert")) {
                errors.add("console." + type + ": " + call.path("args"));
            }
        }
        for (JsonNode thrown : page.events("Runtime.exceptionThrown")) {
            errors.add("exception: " + thrown.path("exceptionDetails"));
        }
        for (JsonNode entry : page.events("Log.entryAdded")) {
            if ("error".equals(entry.path("entry").path("level").asText())) {
                errors.add("log: " + entry.path("entry"));
            }
        }
        return errors;
    }

    /** A PNG of the whole page (not only the window), written to {@code file}. */
    public Path screenshot(Path file) throws Exception {
        JsonNode metrics = page.send("Page.getLayoutMetrics");
        JsonNode size = metrics.has("cssContentSize") ? metrics.get("cssContentSize") : metrics.get("contentSize");
        JsonNode png = page.send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", size.get("width").asDouble(), "height", size.get("height").asDouble(), "scale", 1)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png.get("data").asText()));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            page.close();
        } finally {
            stopWithItsChildren();
            deleteProfile();
        }
    }

    /**
     * Chromium's renderer, GPU and zygote processes outlive its main one by a moment, still writing to the profile: all
     * are stopped, and waited for, before the profile is deleted.
     */
    private void stopWithItsChildren() {
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle each : all) {
            try {
                each.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                each.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                each.destroyForcibly();
            }
        }
    }

    /** A late write of a process that was just killed can still land: a few tries. */
    private void deleteProfile() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                DurableFiles.deleteRecursively(profile);
                return;
            } catch (DirectoryNotEmptyException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
