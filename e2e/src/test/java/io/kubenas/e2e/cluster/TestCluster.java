package io.kubenas.e2e.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real control plane of {@code test-cluster/} (etcd, kube-apiserver, kube-controller-manager, kube-scheduler
 * and the process kubelet) with Kueue ({@code test-cluster/add-kueue}), started once per test JVM with {@code test-cluster/up} and stopped with
 * {@code test-cluster/down} when the JUnit run ends. A test class uses it with {@code @ExtendWith(TestCluster.class)}
 * and takes a {@code TestCluster} parameter.
 *
 * <p>It has its own directory, ports, bridge and pod addresses, so it runs beside a cluster a developer started
 * with the defaults. {@code -Dkubenas.test-cluster.dir=DIR} uses a cluster already up in DIR instead (neither
 * started nor stopped). Nothing is skipped: a missing prerequisite (root, the Go toolchain, openssl) fails the
 * start with {@code up}'s own message saying what to install.
 */
public final class TestCluster implements BeforeAllCallback, ParameterResolver {
    private static final Object LOCK = new Object();
    private static Running running;

    /** A started cluster; closed (stopped) by JUnit when the whole run ends. */
    private record Running(Path dir, Path kubeconfig, Path bin, boolean owned, KubernetesClient client)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            client.close();
            if (owned) {
                Commands.run(Repo.path("test-cluster/down"), List.of("--dir", dir.toString()), Commands.FOREVER);
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (LOCK) {
            if (running == null) {
                running = start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(TestCluster.class, running);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    private static Running start() throws IOException, InterruptedException {
        String external = System.getProperty("kubenas.test-cluster.dir");
        Path dir;
        boolean owned = external == null || external.isBlank();
        if (owned) {
            dir = Repo.path("e2e/target/test-cluster");
            // A run that crashed may have left its components behind: stop them before starting afresh.
            Commands.run(Repo.path("test-cluster/down"), List.of("--dir", dir.toString(), "--purge"), Commands.FOREVER);
            ScriptedTrainer.reset();
            Path images = Files.createDirectories(Repo.path("e2e/target")).resolve("test-images.yaml");
            Files.writeString(images, ScriptedTrainer.imageEntry() + BuiltImages.imageEntries());
            List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--port", "16443", "--etcd-port", "12379",
                    "--bridge", "kne2e0", "--pod-cidr", "10.246.0.0/16", "--node-grace", "20s", "--images", images.toString()));
            Commands.run(Repo.path("test-cluster/up"), args, Commands.FOREVER);
        } else {
            dir = Path.of(external).toAbsolutePath();
        }
        // Kueue beside the control plane, as on a platform team's GPU cluster: its webhooks see every Job the tests make.
        Commands.run(Repo.path("test-cluster/add-kueue"), List.of("--dir", dir.toString(), "--webhook-port", "19443", "--health-port", "18081"),
                Commands.FOREVER);
        Path kubeconfig = dir.resolve("admin.kubeconfig");
        String bin = Commands.run(Repo.path("test-cluster/build"), List.of("--print"), Commands.FOREVER).trim();
        String yaml = Files.readString(kubeconfig, StandardCharsets.UTF_8);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
        return new Running(dir, kubeconfig, Path.of(bin), owned, client);
    }

    private static Running running() {
        synchronized (LOCK) {
            if (running == null) {
                throw new IllegalStateException("the test cluster is not started: annotate the test class with @ExtendWith(TestCluster.class)");
            }
            return running;
        }
    }

    /** A client with the cluster-admin identity. */
    public KubernetesClient client() {
        return running().client();
    }

    /** The admin kubeconfig, as {@code kubectl} and {@code helm} use it. */
    /** The API server's audit log: every write, metadata only (test-cluster/up's audit policy). */
    public Path auditLog() {
        return running().dir().resolve("logs/audit.log");
    }

    public Path kubeconfig() {
        return running().kubeconfig();
    }

    /** {@code kubectl ARGS} against the cluster; its standard output, or an exception with its standard error. */
    public String kubectl(String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig().toString()));
        all.addAll(List.of(args));
        return Commands.run(running().bin().resolve("kubectl"), all, Commands.MINUTE);
    }

    /** {@code helm ARGS} against the cluster. */
    public String helm(String... args) {
        List<String> all = new ArrayList<>(List.of("--kubeconfig", kubeconfig().toString()));
        all.addAll(List.of(args));
        return Commands.run(Helm.binary(), all, Commands.FIVE_MINUTES);
    }

    /** What a container of a pod printed so far (the process kubelet keeps each container's output in a file). */
    public String log(Pod pod, String container) {
        Path pods = running().dir().resolve("kubelet/pods");
        String name = pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid();
        Path dir = pods.resolve(name).resolve(container);
        try (var files = Files.list(dir)) {
            StringBuilder out = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d+\\.log")).sorted().toList()) {
                out.append(Files.readString(file, StandardCharsets.UTF_8));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("no log of " + name + "/" + container + " under " + pods, e);
        }
    }
}
