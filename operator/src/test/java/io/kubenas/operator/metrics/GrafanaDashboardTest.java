package io.kubenas.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubenas.api.v1alpha1.Phase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard the chart ships (helm/kubenas/dashboards/) asks only for series the operator exports: every
 * metric name in its PromQL and template queries is one that a scrape of the operator's registry serves, with a search in
 * the cache and every lazily created meter (reconcile timer, restart and eviction counters) used once.
 */
class GrafanaDashboardTest {
    static final Path DASHBOARD = Path.of(System.getProperty("kubenas.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("helm/kubenas/dashboards/kubenas-searches.json");

    @Test
    void everyQueryOfTheDashboardNamesOnlyMetricsTheOperatorExports() throws IOException {
        Set<String> exported = exportedNames();
        Map<String, Set<String>> queries = queries(new ObjectMapper().readTree(DASHBOARD.toFile()));

        assertThat(queries).as("queries found in " + DASHBOARD).hasSizeGreaterThan(10);
        queries.forEach((where, names) -> {
            assertThat(names).as(where + " selects no metric").isNotEmpty();
            assertThat(exported).as(where + " names a metric the operator does not export").containsAll(names);
        });
    }

    @Test
    void theDashboardShowsEveryPerSearchSeries() throws IOException {
        Set<String> used = new TreeSet<>();
        queries(new ObjectMapper().readTree(DASHBOARD.toFile())).values().forEach(used::addAll);

        assertThat(used).contains(SearchMetrics.PHASE, SearchMetrics.EPOCH, SearchMetrics.BEST_ACCURACY, SearchMetrics.BUDGET_USED,
                SearchMetrics.BUDGET_LIMIT);
    }

    @Test
    void metricNamesAreReadOutOfSelectorsFunctionsAndLabelListsButNotTheirLabels() {
        assertThat(PromQlMetricNames.of("sum by (namespace, le) (rate(kubenas_reconcile_seconds_count{namespace=~\"$namespace\",outcome!=\"x\"}"
                + "[$__rate_interval])) / on(namespace) group_left(phase) max without (instance) (kubenas_searches offset 5m) > bool 0.5"))
                .containsExactly("kubenas_reconcile_seconds_count", "kubenas_searches");
        assertThat(PromQlMetricNames.of("max(kubenas_nope) or vector(0)")).containsExactly("kubenas_nope");
        assertThat(PromQlMetricNames.ofTemplateQuery("label_values(kubenas_search_phase{namespace=~\"$namespace\"}, name)"))
                .containsExactly("kubenas_search_phase");
    }

    /** The names a scrape serves with every kind of series present at least once. */
    private static Set<String> exportedNames() {
        try (ScrapedOperator operator = new ScrapedOperator()) {
            operator.put(OperatorMetricsTest.search("team-a", "mnist", Phase.SEARCHING, 3, 0.8, 1800.0, 3600.0));
            operator.metrics.stopReconcile(operator.metrics.startReconcile(), "team-a", true);
            operator.metrics.restarted("team-a");
            operator.metrics.evicted("team-a");
            return operator.scrape().names();
        }
    }

    /** Each panel target's and each query variable's metric names, by where they are in the dashboard. */
    private static Map<String, Set<String>> queries(JsonNode dashboard) {
        Map<String, Set<String>> queries = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add); // a collapsed row keeps its panels inside
        });
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel \"" + panel.path("title").asText() + "\" target " + target.path("refId").asText(),
                        PromQlMetricNames.of(target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                queries.put("variable $" + variable.path("name").asText(),
                        PromQlMetricNames.ofTemplateQuery(query.isTextual() ? query.asText() : query.path("query").asText()));
            }
        }
        return queries;
    }
}
