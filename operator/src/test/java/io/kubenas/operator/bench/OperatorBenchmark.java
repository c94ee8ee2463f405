package io.kubenas.operator.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubenas.api.manifest.CrdSchema;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.operator.dependent.SearchObjects;
import io.kubenas.operator.support.Searches;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark, not a test: for each N, starts the test API server (fabric8 CRUD mock) with the CRD, starts the
 * packaged operator ({@code target/bench-app/quarkus-run.jar}) as its own process against it, applies N
 * NasSearch resources (after an unmeasured warm-up of 20) and reports create → trainer-Job-created latency
 * (p50/p99), reconciles per search and their mean duration (the operator's own metrics), the operator's
 * CPU time per search, and its heap (after a full GC) and RSS. The test server answers some 50-150 writes a
 * second on two cores and slows as it fills, so latency here is mostly the server's; reconciles, CPU per
 * search, heap and RSS are the operator's own. Run it with
 * {@code operator/bench/run.sh 100 500 1000}.
 */
public final class OperatorBenchmark {
    private static final int HTTP_PORT = 18080;
    private static final int WARM_UP = 20;
    /** Held so the level sticks (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");
    private static final Pattern RECONCILES = Pattern.compile("kubenas_reconcile_seconds_count\\{namespace=\"bench\",outcome=\"success\"} ([0-9.E]+)");
    private static final Pattern RECONCILE_SECONDS = Pattern.compile("kubenas_reconcile_seconds_sum\\{namespace=\"bench\",outcome=\"success\"} ([0-9.E]+)");
    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} ([0-9.E]+)");

    private OperatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // The test server logs every request; at thousands of requests that logging is what would be measured.
        QUIET.setLevel(java.util.logging.Level.WARNING);
        Path jar = Path.of(System.getProperty("kubenas.operator.jar", "target/bench-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run operator/bench/run.sh, which packages it");
        }
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 500, 1000);
        }
        System.out.printf("%-6s %-9s %-9s %-9s %-11s %-13s %-12s %-9s %-9s%n", "N", "p50 ms", "p99 ms", "max ms", "reconciles",
                "reconcile ms", "CPU ms", "heap MiB", "RSS MiB");
        int status = 0;
        try {
            for (int n : sizes) {
                Result r = run(jar, n);
                System.out.printf("%-6d %-9d %-9d %-9d %-11.2f %-13.1f %-12.1f %-9.1f %-9.1f%n", n, r.p50, r.p99, r.max,
                        r.reconcilesPerSearch, r.reconcileMillis, r.cpuMillis, r.heapMiB, r.rssMiB);
            }
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // The test server's event loop threads would keep the JVM alive.
        System.exit(status);
    }

    private record Result(long p50, long p99, long max, double reconcilesPerSearch, double reconcileMillis, double cpuMillis,
            double heapMiB, double rssMiB) {
    }

    private static Result run(Path jar, int n) throws Exception {
        KubernetesServer server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, Collections.emptyList());
        server.before();
        Process operator = null;
        try {
            KubernetesClient client = server.getClient();
            try (InputStream in = OperatorBenchmark.class.getClassLoader().getResourceAsStream(CrdSchema.RESOURCE)) {
                client.apiextensions().v1().customResourceDefinitions().resource(Serialization.unmarshal(in, CustomResourceDefinition.class)).create();
            }
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kubenas-system").endMetadata().build()).create();
            operator = startOperator(jar, client.getConfiguration().getMasterUrl(), n);
            awaitReady();

            // A warm-up round, not measured: class loading and JIT of the first reconciles would dominate small N.
            apply(client, "warmup", WARM_UP);
            settledReconciles();
            double cpuBefore = cpuSeconds(operator.pid());
            List<Long> latencies = apply(client, "bench", n);
            double reconciles = settledReconciles();
            double reconcileMillis = 1000 * sum(RECONCILE_SECONDS, metrics()) / reconciles;
            double cpuMillis = 1000 * (cpuSeconds(operator.pid()) - cpuBefore) / n;
            new ProcessBuilder("jcmd", String.valueOf(operator.pid()), "GC.run").redirectErrorStream(true).start().waitFor();
            Thread.sleep(500);
            double heap = sum(HEAP, metrics()) / (1024 * 1024);
            double rss = rssKiB(operator.pid()) / 1024.0;
            return new Result(percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1),
                    reconciles / n, reconcileMillis, cpuMillis, heap, rss);
        } finally {
            if (operator != null) {
                operator.destroy();
                operator.waitFor(20, TimeUnit.SECONDS);
            }
            server.after();
        }
    }

    /** Creates {@code n} searches in {@code namespace} and returns each one's create → Job-created latency, sorted. */
    private static List<Long> apply(KubernetesClient client, String namespace, int n) throws Exception {
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> jobSeen = new ConcurrentHashMap<>();
        Watch watch = client.batch().v1().jobs().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED) {
                    jobSeen.putIfAbsent(job.getMetadata().getLabels().get(SearchObjects.LABEL_SEARCH), System.nanoTime());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        NasSearch template = Searches.fashionMnist("template", namespace, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < n; i++) {
            String name = "search-" + i;
            pool.submit(() -> {
                NasSearch search = Serialization.clone(template);
                search.getMetadata().setName(name);
                created.put(name, System.nanoTime());
                client.resource(search).create();
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (jobSeen.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        watch.close();
        if (jobSeen.size() < n) {
            throw new IllegalStateException("only " + jobSeen.size() + " of " + n + " trainer Jobs appeared in " + namespace);
        }
        List<Long> latencies = new ArrayList<>();
        created.forEach((name, t0) -> latencies.add(TimeUnit.NANOSECONDS.toMillis(jobSeen.get(name) - t0)));
        Collections.sort(latencies);
        return latencies;
    }

    private static Process startOperator(Path jar, String master, int n) throws IOException {
        Path log = Path.of("target", "bench-operator-" + n + ".log");
        List<String> command = new ArrayList<>(List.of("java", "-Dkubernetes.master=" + master, "-Dkubernetes.trust.certificates=true",
                "-Dkubernetes.auth.tryKubeConfig=false", "-Dkubernetes.auth.tryServiceAccount=false",
                "-Dkubernetes.namespace=kubenas-system", "-Dkubernetes.http2.disable=true",
                "-Dquarkus.http.port=" + HTTP_PORT,
                // Not the prod profile: one operator needs no leader election (the test server cannot review access).
                "-Dquarkus.profile=bench",
                "-Dquarkus.log.category.\"io.kubenas\".level=WARN"));
        String extra = System.getProperty("bench.operator.jvm.args", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the operator did not become ready; see target/bench-operator-*.log");
    }

    /** Reconciles once the operator has gone quiet (no new reconcile for two seconds). */
    private static double settledReconciles() throws Exception {
        double last = -1;
        while (true) {
            double now = sum(RECONCILES, metrics());
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(2000);
        }
    }

    private static String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double sum(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** User + system CPU seconds of a process so far (/proc/PID/stat, in clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
