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
        Helm.Result namespaced = Helm.run("lint", "--strict", Helm.CHART.toString(),
                "-f", Helm.CHART.resolve("ci/namespaced-values.yaml").toString());
        assertThat(namespaced.exitCode()).as(namespaced.out() + namespaced.err()).isZero();
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
