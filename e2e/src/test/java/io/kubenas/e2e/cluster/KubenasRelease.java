package io.kubenas.e2e.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * kubenas installed the way a platform team installs it: {@code helm upgrade --install} of {@code helm/kubenas}
 * with its default values. The operator then runs from the chart's Deployment as a process of the process kubelet,
 * under the chart's ServiceAccount, so the real API server enforces the chart's RBAC on every call it makes.
 */
public final class KubenasRelease {
    public static final String NAMESPACE = "kubenas-system";
    public static final String NAME = "kubenas";
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
                    "--create-namespace", "--wait", "--timeout", "4m");
            INSTALLED.set(true);
        }
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
