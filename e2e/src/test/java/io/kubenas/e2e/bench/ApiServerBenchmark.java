package io.kubenas.e2e.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kubenas.api.manifest.NasSearchManifests;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.e2e.Searches;
import io.kubenas.e2e.cluster.Commands;
import io.kubenas.e2e.cluster.Helm;
import io.kubenas.e2e.cluster.Repo;
import io.kubenas.e2e.cluster.AuditLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * Benchmark, not a test: the operator on a real control plane. For each N it starts a fresh {@code test-cluster}
 * (its own directory and ports), installs the chart (the operator runs from its Deployment as a process of the
 * process kubelet, in production configuration), and applies 20 unmeasured warm-up searches and then N NasSearches
 * (8 client threads) into a namespace whose ResourceQuota allows no pods, so trainer Jobs are created but no trainer
 * runs. It reports create → trainer-Job-seen latency (p50/p99/max), reconciles per search and their mean duration
 * (the operator's metrics), the operator's API writes per search (from the API server's audit log: its
 * ServiceAccount's create/update/patch/delete in the namespace), its CPU time per search, and its RSS.
 * Run it with {@code e2e/bench/run.sh 100 500 1000}.
 */
public final class ApiServerBenchmark {
    private static final String NAMESPACE = "bench";
    private static final int WARM_UP = 20;
    private static final int THREADS = 8;
    private static final Path DIR = Repo.path("e2e/target/bench-cluster");
    private static final Pattern RECONCILES = Pattern.compile("kubenas_reconcile_seconds_count\\{namespace=\"bench\",outcome=\"success\"} ([0-9.E]+)");
    private static final Pattern RECONCILE_SECONDS = Pattern.compile("kubenas_reconcile_seconds_sum\\{namespace=\"bench\",outcome=\"success\"} ([0-9.E]+)");

    private ApiServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100, 500, 1000);
        }
        System.out.printf("# operator on a real kube-apiserver (test-cluster), %s, %d cores%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-6s %-9s %-9s %-9s %-11s %-13s %-13s %-12s %-9s%n", "N", "p50 ms", "p99 ms", "max ms", "reconciles",
                "reconcile ms", "API writes", "CPU ms", "RSS MiB");
        for (int n : sizes) {
            Result r = run(n);
            System.out.printf("%-6d %-9d %-9d %-9d %-11.2f %-13.1f %-13.2f %-12.1f %-9.1f%n", n, r.p50, r.p99, r.max,
                    r.reconcilesPerSearch, r.reconcileMillis, r.writesPerSearch, r.cpuMillis, r.rssMiB);
        }
    }

    private record Result(long p50, long p99, long max, double reconcilesPerSearch, double reconcileMillis,
            double writesPerSearch, double cpuMillis, double rssMiB) {
    }

    private static Result run(int n) throws Exception {
        Commands.run(Repo.path("test-cluster/down"), List.of("--dir", DIR.toString(), "--purge"), Commands.FOREVER);
        Commands.run(Repo.path("test-cluster/up"), List.of("--dir", DIR.toString(), "--port", "17443", "--etcd-port", "13379",
                "--bridge", "knbench0", "--pod-cidr", "10.248.0.0/16"), Commands.FOREVER);
        Path kubeconfig = DIR.resolve("admin.kubeconfig");
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            Commands.run(Helm.binary(), List.of("--kubeconfig",
                    kubeconfig.toString(), "upgrade", "--install", "kubenas", Repo.path("helm/kubenas").toString(),
                    "--namespace", "kubenas-system", "--create-namespace", "--wait", "--timeout", "4m"), Commands.FIVE_MINUTES);
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            client.resourceQuotas().inNamespace(NAMESPACE).resource(new ResourceQuotaBuilder().withNewMetadata().withName("no-pods")
                    .endMetadata().withNewSpec().addToHard("pods", new Quantity("0")).endSpec().build()).create();
            Pod operator = client.pods().inNamespace("kubenas-system").withLabel("app.kubernetes.io/component", "operator")
                    .list().getItems().get(0);
            long pid = Long.parseLong(operator.getStatus().getContainerStatuses().get(0).getContainerID().replace("process://", ""));
            URI metrics = URI.create("http://" + operator.getStatus().getPodIP() + ":8080/q/metrics");

            Map<String, Long> created = new ConcurrentHashMap<>();
            Map<String, Long> jobSeen = new ConcurrentHashMap<>();
            try (Watch ignored = client.batch().v1().jobs().inNamespace(NAMESPACE).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Job job) {
                    if (action == Action.ADDED) {
                        jobSeen.putIfAbsent(job.getMetadata().getLabels().get("kubenas.io/search"), System.nanoTime());
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                apply(client, "warm", WARM_UP, created);
                awaitJobs(jobSeen, WARM_UP);
                long cpuBefore = cpuMillis(pid);
                apply(client, "s", n, created);
                awaitJobs(jobSeen, WARM_UP + n);
                Thread.sleep(10_000);  // reconciles still queued settle before the counters are read
                long cpuAfter = cpuMillis(pid);

                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String name = "s-" + i;
                    latencies.add((jobSeen.get(name) - created.get(name)) / 1_000_000);
                }
                Collections.sort(latencies);
                String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                double reconciles = value(RECONCILES, text);
                double seconds = value(RECONCILE_SECONDS, text);
                int total = WARM_UP + n;
                return new Result(latencies.get(n / 2), latencies.get(Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)),
                        latencies.get(n - 1), reconciles / total, reconciles == 0 ? 0 : seconds * 1000 / reconciles,
                        operatorWrites() / (double) total, (cpuAfter - cpuBefore) / (double) n, rssMiB(pid));
            }
        } finally {
            Commands.run(Repo.path("test-cluster/down"), List.of("--dir", DIR.toString(), "--purge"), Commands.FOREVER);
        }
    }

    private static void apply(KubernetesClient client, String prefix, int count, Map<String, Long> created) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            pool.submit(() -> {
                NasSearch search = NasSearchManifests.parse(Searches.manifest(name, NAMESPACE, ""));
                created.put(name, System.nanoTime());
                client.resource(search).inNamespace(NAMESPACE).create();
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
    }

    private static void awaitJobs(Map<String, Long> seen, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (seen.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen.size() + " of " + count + " trainer Jobs after 20 minutes");
            }
            Thread.sleep(100);
        }
    }

    /** The operator's writes in the benchmark namespace, from the API server's audit log (metadata level). */
    private static long operatorWrites() {
        return AuditLog.operatorWrites(DIR.resolve("logs/audit.log"), NAMESPACE).size();
    }

    private static long cpuMillis(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat")).split("\\) ", 2)[1].split(" ");
        long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);  // utime + stime, fields 14 and 15
        return ticks * 10;  // USER_HZ is 100 on Linux
    }

    private static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double value(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
