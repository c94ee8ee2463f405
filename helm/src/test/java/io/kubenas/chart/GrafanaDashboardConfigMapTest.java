package io.kubenas.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard as the chart ships it: an optional ConfigMap that Grafana's dashboard sidecar finds by its label.
 * That its queries name only metrics the operator exports is the operator's GrafanaDashboardTest (the names come from its
 * registry).
 */
class GrafanaDashboardConfigMapTest {
    private static final String KEY = "kubenas-searches.json";

    @Test
    void noDashboardUnlessEnabled() {
        assertThat(Rendered.of(Helm.template()).all(ConfigMap.class)).isEmpty();
    }

    @Test
    void theDashboardCarriesTheSidecarsUsualLabelInTheReleaseNamespace() throws IOException {
        ConfigMap dashboard = Rendered.of(Helm.template("--set", "grafanaDashboard.enabled=true")).one(ConfigMap.class);

        assertThat(dashboard.getMetadata().getName()).isEqualTo("kubenas-grafana-dashboard");
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("kubenas-system");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1")
                .containsEntry("app.kubernetes.io/instance", "kubenas");
        assertThat(dashboard.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(dashboard.getData()).containsOnlyKeys(KEY);
        assertThat(dashboard.getData().get(KEY)).as("the file, unchanged").isEqualTo(
                Files.readString(Helm.CHART.resolve("dashboards").resolve(KEY)).stripTrailing());
    }

    @Test
    void theDashboardIsAGrafanaDashboardWithAStableUidAndADataSourceToChoose() throws IOException {
        ConfigMap dashboard = Rendered.of(Helm.template("--set", "grafanaDashboard.enabled=true")).one(ConfigMap.class);

        JsonNode json = new ObjectMapper().readTree(dashboard.getData().get(KEY));
        assertThat(json.path("uid").asText()).isEqualTo("kubenas-searches");
        assertThat(json.path("title").asText()).isEqualTo("kubenas / NAS searches");
        assertThat(json.path("panels").size()).isGreaterThan(5);
        // Provisioned dashboards cannot ask for a data source on import: every query uses the $datasource variable.
        assertThat(json.path("templating").path("list")).anySatisfy(v -> {
            assertThat(v.path("name").asText()).isEqualTo("datasource");
            assertThat(v.path("query").asText()).isEqualTo("prometheus");
        });
        assertThat(json.findValues("datasource")).filteredOn(d -> d.path("type").asText().equals("prometheus"))
                .isNotEmpty().allSatisfy(d -> assertThat(d.path("uid").asText()).isEqualTo("${datasource}"));
    }

    @Test
    void labelNamespaceAndAnnotationsComeFromValues() {
        ConfigMap dashboard = Rendered.of(Helm.template("--set", "grafanaDashboard.enabled=true",
                "--set", "grafanaDashboard.label=example.com/dashboard", "--set", "grafanaDashboard.labelValue=kubenas",
                "--set", "grafanaDashboard.namespace=monitoring", "--set", "grafanaDashboard.annotations.grafana_folder=NAS"))
                .one(ConfigMap.class);

        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("example.com/dashboard", "kubenas").doesNotContainKey("grafana_dashboard");
        assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "NAS");
    }
}
