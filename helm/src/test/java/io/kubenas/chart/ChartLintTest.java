package io.kubenas.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void chartPassesStrictLintWithDefaultAndNamespacedValues() {
        Helm.Result defaults = Helm.run("lint", "--strict", Helm.CHART.toString());
        assertThat(defaults.exitCode()).as(defaults.out() + defaults.err()).isZero();
        assertThat(Helm.ciValues()).extracting(f -> f.getFileName().toString()).contains("namespaced-values.yaml");
        for (Path values : Helm.ciValues()) {
            Helm.Result result = Helm.run("lint", "--strict", Helm.CHART.toString(), "-f", values.toString());
            assertThat(result.exitCode()).as(values + ": " + result.out() + result.err()).isZero();
        }
    }

    /** values.schema.json: a misspelled or invalid value fails the install instead of being ignored. */
    @Test
    void valuesSchemaRejectsMisspelledAndInvalidValues() {
        assertRejected("at '/operator': additional properties 'replica' not allowed", "--set", "operator.replica=2");
        assertRejected("additional properties 'watchNamespace' not allowed", "--set", "watchNamespace={team-a}");
        assertRejected("/operator/image/pullPolicy", "--set", "operator.image.pullPolicy=Sometimes");
        assertRejected("/trainer/image/pullPolicy", "--set", "trainer.image.pullPolicy=always");
        assertRejected("/operator/replicas", "--set", "operator.replicas=0");
        assertRejected("/watchNamespaces/0", "--set", "watchNamespaces={Team_A}");
        assertRejected("/watchNamespaces", "--set", "watchNamespaces={team-a,team-a}");
        assertRejected("/trainer/gpuResourceName", "--set", "trainer.gpuResourceName=gpu");
        assertRejected("/trainer/terminationGracePeriod", "--set", "trainer.terminationGracePeriod=two minutes");
        assertRejected("/trainer/startTimeout", "--set", "trainer.startTimeout=soon");
        assertRejected("/trainer/nodeLostGrace", "--set", "trainer.nodeLostGrace=1 minute");
        assertRejected("/trainer/imagePullSecrets/0/name", "--set", "trainer.imagePullSecrets[0].name=Not_A_Name");
        assertRejected("/metrics/serviceMonitor/interval", "--set", "metrics.serviceMonitor.interval=30");
        assertRejected("/logs/format", "--set", "logs.format=logfmt");
        assertRejected("/grafanaDashboard/label", "--set", "grafanaDashboard.label=grafana dashboard");
        assertRejected("/grafanaDashboard/namespace", "--set", "grafanaDashboard.namespace=Monitoring");
        assertRejected("additional properties 'folder' not allowed", "--set", "grafanaDashboard.folder=kubenas");
    }

    private static void assertRejected(String message, String... values) {
        Helm.Result result = Helm.tryTemplate(values);
        assertThat(result.exitCode()).as(String.join(" ", values) + " must be rejected").isNotZero();
        assertThat(result.err()).contains("values don't meet the specifications of the schema").contains(message);
    }

    @Test
    void chartCrdIsTheCrdGeneratedFromTheJavaModel() throws IOException {
        Path generated = Helm.ROOT.resolve("crds/nassearches.kubenas.io-v1.yml");
        Path inChart = Helm.CHART.resolve("crds/nassearches.kubenas.io-v1.yml");
        assertThat(Files.readString(inChart))
                .as("helm/kubenas/crds/ must hold the CRD generated in crds/; refresh it with: "
                        + "cp crds/nassearches.kubenas.io-v1.yml helm/kubenas/crds/")
                .isEqualTo(Files.readString(generated));
    }
}
