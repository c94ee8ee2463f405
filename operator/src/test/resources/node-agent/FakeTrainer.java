import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for the trainer image's CLI in NodeAgent tests, run with `java FakeTrainer.java <cmd> ...`: it
 * keeps the operator contract (spec file, work dir, progress pushed into the ConfigMap, termination message,
 * exit codes, SIGTERM → checkpoint → 75, `serve` with the v2 health and infer endpoints) and does no learning.
 * A search whose name contains "crash" hangs in its first attempt after a checkpoint, to be killed.
 */
public class FakeTrainer {
    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        if (a.isEmpty()) {
            System.exit(64);
        }
        if ("search".equals(a.get(0))) {
            search(Path.of(a.get(a.indexOf("--spec") + 1)), Path.of(a.get(a.indexOf("--workdir") + 1)));
        } else if ("serve".equals(a.get(0))) {
            serve(Path.of(a.get(a.indexOf("--child") + 1)), Integer.parseInt(a.get(a.indexOf("--port") + 1)), a.get(a.indexOf("--model-name") + 1));
        } else {
            System.exit(64);
        }
    }

    static void search(Path spec, Path work) throws Exception {
        if (!Files.isRegularFile(spec)) {
            System.err.println("no spec at " + spec);
            System.exit(64);
        }
        String name = Files.readString(spec).replaceAll("(?s).*\"name\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        int attempt = Integer.parseInt(System.getenv().getOrDefault("KUBENAS_ATTEMPT", "1"));
        Path checkpoint = work.resolve("checkpoints").resolve("epoch-1");
        boolean resumed = Files.isDirectory(checkpoint);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            terminationMessage("{\"outcome\":\"STOPPED\",\"attempt\":" + attempt + "}");
            Runtime.getRuntime().halt(75);
        }));
        Files.createDirectories(checkpoint);
        String checkpoints = "{\"latest\":{\"name\":\"epoch-1\",\"path\":\"checkpoints/epoch-1\",\"epoch\":1}}";
        push("{\"stage\":\"SEARCHING\",\"outcome\":\"RUNNING\",\"attempt\":" + attempt
                + ",\"progress\":{\"epoch\":1,\"totalEpochs\":2,\"bestAccuracy\":0.5},\"checkpoints\":" + checkpoints + "}");
        if (name.contains("crash") && attempt == 1) {
            Thread.sleep(Long.MAX_VALUE);
        }
        Files.createDirectories(work.resolve("child"));
        Files.writeString(work.resolve("child").resolve("architecture.json"), "{\"ops\":[\"shuffle3x3\"]}");
        String child = "{\"path\":\"child\",\"sha256\":\"f00d\",\"ops\":[\"shuffle3x3\"],\"validationAccuracy\":0.93}";
        String done = "{\"stage\":\"EXPORTED\",\"outcome\":\"TARGET_REACHED\",\"attempt\":" + attempt + ",\"message\":\""
                + (resumed ? "resumed from checkpoints/epoch-1" : "started fresh") + "\",\"child\":" + child + "}";
        push(done);
        terminationMessage(done);
        Runtime.getRuntime().halt(0);
    }

    static void serve(Path child, int port, String model) throws IOException {
        if (!Files.isRegularFile(child.resolve("architecture.json"))) {
            System.err.println("no child at " + child);
            System.exit(64);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/v2/health", exchange -> reply(exchange, 200, "{\"live\":true,\"ready\":true}"));
        server.createContext("/v2/models/" + model + "/infer", exchange -> reply(exchange, "POST".equals(exchange.getRequestMethod()) ? 200 : 405,
                "{\"model_name\":\"" + model + "\",\"outputs\":[{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[1],\"data\":[7]}]}"));
        server.start();
    }

    static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static void push(String progress) throws Exception {
        String master = System.getenv("KUBERNETES_MASTER");
        String url = master + (master.endsWith("/") ? "" : "/") + "api/v1/namespaces/" + System.getenv("KUBENAS_NAMESPACE")
                + "/configmaps/" + System.getenv("KUBENAS_PROGRESS_CONFIGMAP");
        String body = "{\"data\":{\"progress.json\":\"" + progress.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/merge-patch+json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            System.err.println("progress patch failed: " + response.statusCode() + " " + response.body());
        }
    }

    static void terminationMessage(String message) {
        try {
            Files.writeString(Path.of(System.getenv().getOrDefault("KUBENAS_TERMINATION_LOG", "/dev/termination-log")), message);
        } catch (IOException e) {
            System.err.println("cannot write the termination message: " + e.getMessage());
        }
    }
}
