package io.kubenas.e2e.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * kubenas installed the way a platform team installs it: {@code helm upgrade --install} of {@code helm/kubenas}
 * with its default values. The operator then runs from the chart's Deployment as a process of the process kubelet,
 * under the chart's ServiceAccount, so the real API server enforces the chart's RBAC on every call it makes.
 */
public final class KubenasRelease {
    public static final String NAMESPACE = "kubenas-system";
    public static final String NAME = "kubenas";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private KubenasRelease() {
    }

    /** Installs the chart once per test run and waits for the operator to be ready. */
    public static void installOnce(TestCluster cluster) {
        if (INSTALLED.get()) {
            return;
        }
        synchronized (INSTALLED) {
            if (INSTALLED.get()) {
                return;
            }
            cluster.helm("upgrade", "--install", NAME, Repo.path("helm/kubenas").toString(), "--namespace", NAMESPACE,
                    "--create-namespace", "--wait", "--timeout", "4m",
                    // Short enough that a test sees a pod that cannot start fail the search.
                    "--set", "trainer.startTimeout=20s",
                    // A lost node's attempt is given up 10 s after the node is NotReady (LostNodeTest).
                    "--set", "trainer.nodeLostGrace=10s",
                    // The test cluster runs Kueue: queued searches show its reasons (KueueTest).
                    "--set", "watchKueueWorkloads=true");
            INSTALLED.set(true);
        }
    }

    /** GET of a path on the running operator pod's HTTP port (metrics, health), by its pod IP; the body. */
    public static String operatorGet(TestCluster cluster, String path) {
        Pod operator = operatorPod(cluster);
        try {
            // Time-outs: a request that hangs (seen once on a loaded machine) fails this poll, and the caller polls again.
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://" + operator.getStatus().getPodIP() + ":8080" + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The chart's running operator pod. */
    public static Pod operatorPod(TestCluster cluster) {
        return cluster.client().pods().inNamespace(NAMESPACE).withLabel("app.kubernetes.io/component", "operator")
                .list().getItems().stream().filter(p -> "Running".equals(p.getStatus().getPhase())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no running operator pod in " + NAMESPACE));
    }

    /**
     * The operator's reconciles of searches in a namespace so far with that outcome ({@code success} or {@code error}),
     * from its kubenas_reconcile_seconds metric.
     */
    public static long reconciles(TestCluster cluster, String namespace, String outcome) {
        Matcher m = Pattern.compile("kubenas_reconcile_seconds_count\\{namespace=\"" + Pattern.quote(namespace)
                + "\",outcome=\"" + Pattern.quote(outcome) + "\"} ([0-9.E]+)").matcher(operatorGet(cluster, "/q/metrics"));
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    /**
     * A namespace for a test's searches that enforces the {@code restricted} Pod Security Standard: every pod the
     * operator creates there must pass the API server's own PodSecurity admission.
     */
    public static void restrictedNamespace(TestCluster cluster, String name) {
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata().build()).serverSideApply();
    }
}
