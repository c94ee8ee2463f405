package io.kubenas.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.v1alpha1.BudgetStatus;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.api.v1alpha1.ProgressStatus;
import io.kubenas.operator.support.Searches;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The series {@code /q/metrics} serves, scraped from the registry the operator's meters and collector go to. */
class OperatorMetricsTest {
    private final ScrapedOperator operator = new ScrapedOperator();

    @AfterEach
    void close() {
        operator.close();
    }

    @Test
    void aSearchsStatusBecomesItsSeriesLabelledByNamespaceAndName() {
        operator.put(search("team-a", "mnist", Phase.SEARCHING, 3, 0.8123, 1800.0, 3600.0));

        Scrape scrape = operator.scrape();

        Map<String, String> search = Map.of("namespace", "team-a", "name", "mnist");
        assertThat(scrape.value("kubenas_search_epoch", search)).isEqualTo(3);
        assertThat(scrape.value("kubenas_search_best_validation_accuracy_ratio", search)).isEqualTo(0.8123);
        assertThat(scrape.value("kubenas_search_budget_used_device_seconds", search)).isEqualTo(1800);
        assertThat(scrape.value("kubenas_search_budget_limit_device_seconds", search)).isEqualTo(3600);
        assertThat(scrape.of("kubenas_search_epoch", Map.of()).get(0).labels()).containsOnlyKeys("namespace", "name");
    }

    @Test
    void thePhaseIsOneSeriesPerPhaseOneForTheCurrentZeroForTheOthers() {
        operator.put(search("team-a", "mnist", Phase.BUDGET_EXHAUSTED, 3, 0.8, 3600.0, 3600.0));

        Scrape scrape = operator.scrape();

        assertThat(scrape.of("kubenas_search_phase", Map.of("namespace", "team-a", "name", "mnist")))
                .hasSize(Phase.values().length)
                .allSatisfy(s -> assertThat(s.value()).isEqualTo(s.labels().get("phase").equals("BudgetExhausted") ? 1 : 0));
        assertThat(scrape.of("kubenas_search_phase", Map.of()).stream().map(s -> s.labels().get("phase")).distinct())
                .containsExactlyInAnyOrder("Pending", "Pruning", "Searching", "Promoting", "Serving", "Succeeded", "Failed",
                        "BudgetExhausted", "Suspended");
    }

    @Test
    void aDeletedSearchsSeriesAreGoneFromTheNextScrape() {
        NasSearch deleted = search("team-a", "old", Phase.SEARCHING, 2, 0.7, 100.0, 3600.0);
        operator.put(deleted);
        operator.put(search("team-b", "kept", Phase.PENDING, null, null, null, null));
        assertThat(operator.scrape().samples()).anySatisfy(s -> assertThat(s.labels()).containsEntry("name", "old"));

        operator.delete(deleted);

        Scrape scrape = operator.scrape();
        assertThat(scrape.samples()).noneSatisfy(s -> assertThat(s.labels()).containsEntry("name", "old"));
        assertThat(scrape.value("kubenas_search_phase", Map.of("name", "kept", "phase", "Pending"))).isEqualTo(1);
    }

    @Test
    void aValueTheStatusDoesNotHaveYetHasNoSeriesRatherThanAZero() {
        operator.put(search("team-a", "starting", Phase.PENDING, null, null, null, null));
        NasSearch unseen = Searches.fashionMnist("unseen", "team-a", null);
        operator.put(unseen);

        Scrape scrape = operator.scrape();

        assertThat(scrape.of("kubenas_search_phase", Map.of("name", "starting"))).hasSize(Phase.values().length);
        for (String name : new String[] {"kubenas_search_epoch", "kubenas_search_best_validation_accuracy_ratio",
                "kubenas_search_budget_used_device_seconds", "kubenas_search_budget_limit_device_seconds"}) {
            assertThat(scrape.of(name, Map.of())).as(name).isEmpty();
        }
        assertThat(scrape.samples()).as("a search with no status yet").noneSatisfy(s -> assertThat(s.labels()).containsEntry("name", "unseen"));
    }

    @Test
    void theClusterWideSeriesKeepTheirNamesBesideThePerSearchOnes() {
        operator.put(search("team-a", "a", Phase.SEARCHING, 1, 0.5, 100.0, 3600.0));
        operator.put(search("team-b", "b", Phase.SEARCHING, 1, 0.5, 250.0, 3600.0));
        operator.metrics.stopReconcile(operator.metrics.startReconcile(), "team-a", true);
        operator.metrics.restarted("team-a");
        operator.metrics.evicted("team-b");

        Scrape scrape = operator.scrape();

        assertThat(scrape.value("kubenas_searches", Map.of("phase", "Searching"))).isEqualTo(2);
        assertThat(scrape.value("kubenas_budget_device_seconds_used", Map.of())).isEqualTo(350);
        assertThat(scrape.value("kubenas_reconcile_seconds_count", Map.of("namespace", "team-a", "outcome", "success"))).isEqualTo(1);
        assertThat(scrape.value("kubenas_trainer_restarts_total", Map.of("namespace", "team-a"))).isEqualTo(1);
        assertThat(scrape.value("kubenas_trainer_evictions_total", Map.of("namespace", "team-b"))).isEqualTo(1);
    }

    @Test
    void closingTheOperatorTakesItsPerSearchSeriesOutOfTheRegistry() {
        operator.put(search("team-a", "a", Phase.SEARCHING, 1, 0.5, 100.0, 3600.0));

        operator.metrics.close();

        assertThat(operator.scrape().names()).noneMatch(n -> n.startsWith("kubenas_search"));
    }

    static NasSearch search(String namespace, String name, Phase phase, Integer epoch, Double best, Double used, Double limit) {
        NasSearch search = Searches.fashionMnist(name, namespace, null);
        ProgressStatus progress = epoch == null && best == null ? null : ProgressStatus.builder().epoch(epoch).bestAccuracy(best).build();
        BudgetStatus budget = used == null && limit == null ? null
                : BudgetStatus.builder().deviceSecondsUsed(used).deviceSecondsLimit(limit).build();
        search.setStatus(NasSearchStatus.builder().phase(phase).progress(progress).budget(budget).build());
        return search;
    }
}
