package io.kubenas.trainer.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One Chrome DevTools Protocol connection to a page, over the JDK's own WebSocket client: commands with their answers,
 * and every event kept in arrival order (console messages, exceptions, load events) for the test to look through.
 */
final class DevToolsSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();

    private DevToolsSession(URI webSocket) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(webSocket, new Listener()).join();
    }

    static DevToolsSession connect(URI webSocket) {
        return new DevToolsSession(webSocket);
    }

    /** Sends a command and waits for its result; a protocol error fails. */
    JsonNode send(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).join();
        JsonNode reply = answer.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.get("result");
    }

    JsonNode send(String method) throws Exception {
        return send(method, Map.of());
    }

    /** The events received so far with this method name. */
    synchronized List<JsonNode> events(String method) {
        return events.stream().filter(e -> method.equals(e.path("method").asText())).map(e -> e.get("params")).toList();
    }

    /** Waits until an event with this method name matches, or fails after {@code timeout}. */
    JsonNode awaitEvent(String method, Predicate<JsonNode> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (JsonNode params : events(method)) {
                    if (matches.test(params)) {
                        return params;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no " + method + " event within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private synchronized void received(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
        } else {
            events.add(message);
            notifyAll();
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null).join();
    }

    /** Joins a message's frames (the browser splits large ones, e.g. screenshots) and hands it over. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder frames = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frames.append(data);
            if (last) {
                String text = frames.toString();
                frames.setLength(0);
                try {
                    received(JSON.readTree(text));
                } catch (Exception e) {
                    throw new IllegalStateException("not a DevTools message: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
