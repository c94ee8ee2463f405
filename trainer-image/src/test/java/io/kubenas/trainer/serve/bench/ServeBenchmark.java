package io.kubenas.trainer.serve.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput and latency of a running {@code serve} over loopback: requests/s, images/s and p50/p90/p99
 * latency per batch size, with a fixed number of closed-loop clients. Not a test; JDK only, so it runs as a
 * single source file against any server (the packaged jar, a real child):
 * <pre>
 * java -jar trainer-image/target/quarkus-app/quarkus-run.jar serve --child CHILD --port 8080 &amp;
 * java trainer-image/src/test/java/io/kubenas/trainer/serve/bench/ServeBenchmark.java \
 *     --url http://127.0.0.1:8080 --batches 1,32 --clients 1,4 --requests 2000 --seconds 20
 * </pre>
 * The run for each (batch, clients) pair stops after {@code --requests} requests or {@code --seconds},
 * whichever comes first, after {@code --warmup} unmeasured requests. Pixels are random in [0, 1]. Only
 * loopback addresses are accepted: this measures the server, not a network.
 */
public final class ServeBenchmark {
    private static final Pattern INPUT_SHAPE = Pattern.compile("\"inputs\"\\s*:\\s*\\[\\s*\\{[^}]*\"shape\"\\s*:\\s*\\[\\s*-1\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");
    private static final Pattern FIRST_MODEL = Pattern.compile("\"models\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");

    record Result(int batch, int clients, int requests, int errors, double seconds, double[] latenciesMs, int bodyBytes) {
        double percentile(double p) {
            if (latenciesMs.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesMs.length) - 1;
            return latenciesMs[Math.max(0, Math.min(latenciesMs.length - 1, index))];
        }
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(option(args, "--url", "http://127.0.0.1:8080"));
        InetAddress host = InetAddress.getByName(base.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("--url must be a loopback address (127.0.0.1, ::1), got " + base.getHost());
        }
        int[] batches = ints(option(args, "--batches", "1,32"));
        int[] clients = ints(option(args, "--clients", "1,4"));
        int maxRequests = Integer.parseInt(option(args, "--requests", "2000"));
        double maxSeconds = Double.parseDouble(option(args, "--seconds", "20"));
        int warmup = Integer.parseInt(option(args, "--warmup", "50"));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String model = option(args, "--model", null);
        if (model == null) {
            Matcher m = FIRST_MODEL.matcher(get(http, base.resolve("/v2/models")));
            if (!m.find()) {
                throw new IllegalStateException("the server lists no model; is it ready?");
            }
            model = m.group(1);
        }
        Matcher shape = INPUT_SHAPE.matcher(get(http, base.resolve("/v2/models/" + model)));
        if (!shape.find()) {
            throw new IllegalStateException("cannot read the input shape of model " + model);
        }
        int c = Integer.parseInt(shape.group(1));
        int h = Integer.parseInt(shape.group(2));
        int w = Integer.parseInt(shape.group(3));
        URI infer = base.resolve("/v2/models/" + model + "/infer");

        System.out.printf(Locale.ROOT, "model %s, input [N, %d, %d, %d], %d CPUs, at most %d requests or %.0f s per row%n",
                model, c, h, w, Runtime.getRuntime().availableProcessors(), maxRequests, maxSeconds);
        System.out.println("| batch | clients | requests | errors | req/s | images/s | p50 ms | p90 ms | p99 ms | max ms | body KiB |");
        System.out.println("|------:|--------:|---------:|-------:|------:|---------:|-------:|-------:|-------:|-------:|---------:|");
        for (int batch : batches) {
            List<String> bodies = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(batch);
            for (int i = 0; i < 8; i++) {
                bodies.add(body(random, batch, c, h, w));
            }
            for (int clientCount : clients) {
                run(http, infer, bodies, batch, clientCount, warmup, 0);
                Result r = run(http, infer, bodies, batch, clientCount, maxRequests, maxSeconds);
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f | %.0f |%n",
                        r.batch(), r.clients(), r.requests(), r.errors(), r.requests() / r.seconds(), r.requests() * (double) batch / r.seconds(),
                        r.percentile(50), r.percentile(90), r.percentile(99), r.percentile(100), r.bodyBytes() / 1024.0);
            }
        }
    }

    /** {@code clients} threads, each sending its next request when the previous one is answered. */
    static Result run(HttpClient http, URI infer, List<String> bodies, int batch, int clients, int maxRequests, double maxSeconds)
            throws InterruptedException {
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        long[] latencies = new long[Math.max(maxRequests, 1)];
        AtomicInteger recorded = new AtomicInteger();
        long deadline = maxSeconds > 0 ? System.nanoTime() + (long) (maxSeconds * 1e9) : Long.MAX_VALUE;
        CountDownLatch done = new CountDownLatch(clients);
        AtomicLong firstError = new AtomicLong(-1);
        long start = System.nanoTime();
        for (int t = 0; t < clients; t++) {
            Thread client = new Thread(() -> {
                try {
                    int n;
                    while ((n = issued.getAndIncrement()) < maxRequests && System.nanoTime() < deadline) {
                        HttpRequest request = HttpRequest.newBuilder(infer).timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(n % bodies.size()))).build();
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        long elapsed = System.nanoTime() - t0;
                        if (status != 200) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(-1, status);
                        } else {
                            latencies[recorded.getAndIncrement()] = elapsed;
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-client-" + t);
            client.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        int answered = recorded.get();
        double[] ms = new double[answered];
        for (int i = 0; i < answered; i++) {
            ms[i] = latencies[i] / 1e6;
        }
        Arrays.sort(ms);
        if (errors.get() > 0) {
            System.err.println("batch " + batch + ": " + errors.get() + " requests failed (first status " + firstError.get() + ")");
        }
        return new Result(batch, clients, answered + errors.get(), errors.get(), seconds, ms, bodies.get(0).length());
    }

    static String body(SplittableRandom random, int batch, int c, int h, int w) {
        int values = batch * c * h * w;
        StringBuilder body = new StringBuilder(values * 8 + 128);
        body.append("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[")
                .append(batch).append(',').append(c).append(',').append(h).append(',').append(w).append("],\"data\":[");
        for (int i = 0; i < values; i++) {
            if (i > 0) {
                body.append(',');
            }
            // Like an 8-bit image scaled to [0, 1]: what a client sends.
            body.append(String.format(Locale.ROOT, "%.4f", random.nextInt(256) / 255.0));
        }
        return body.append("]}]}").toString();
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }
}
