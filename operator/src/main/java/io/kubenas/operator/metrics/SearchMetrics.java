package io.kubenas.operator.metrics;

import io.kubenas.api.v1alpha1.BudgetStatus;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.api.v1alpha1.Phase;
import io.kubenas.api.v1alpha1.ProgressStatus;
import io.kubenas.operator.status.Phases;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Per-search series, labelled by the search's {@code namespace} and {@code name}, read from the NasSearch informer cache
 * on every scrape: a deleted search's series are gone from the next scrape. A Prometheus collector and not Micrometer
 * meters, because a Micrometer meter lives until it is removed, and nothing tells the operator that a search is gone (it
 * has no finalizer, and a deletion does not reconcile); a collector has nothing to remove. (Quarkus' Prometheus registry
 * is Micrometer's simpleclient one, so this is a simpleclient {@link Collector}.)
 *
 * <p>Every value is the search's status as last written, so the series say what {@code kubectl get nas} says. A value
 * the status does not have yet (no evaluation, no budget written) has no series rather than a made-up 0. The phase is one
 * series per phase with 1 for the current one and 0 for the others, as kube-state-metrics' {@code kube_pod_status_phase}:
 * a phase change is a change of value, not a series that ends and another that starts, so {@code changes()}, alerts
 * with {@code for:} and {@code sum by (phase)} see it without gaps; the cost is {@link Phase}'s nine series per search.
 */
final class SearchMetrics extends Collector implements Collector.Describable {
    static final String PHASE = "kubenas_search_phase";
    static final String EPOCH = "kubenas_search_epoch";
    static final String BEST_ACCURACY = "kubenas_search_best_validation_accuracy_ratio";
    static final String BUDGET_USED = "kubenas_search_budget_used_device_seconds";
    static final String BUDGET_LIMIT = "kubenas_search_budget_limit_device_seconds";

    private static final List<String> SEARCH = List.of("namespace", "name");
    private static final List<String> SEARCH_AND_PHASE = List.of("namespace", "name", "phase");

    private final Supplier<Stream<NasSearch>> searches;

    SearchMetrics(Supplier<Stream<NasSearch>> searches) {
        this.searches = searches;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        Families families = new Families();
        searches.get().forEach(families::add);
        return families.all();
    }

    /** The families without samples: the registry checks their names against every other collector's once, at registration. */
    @Override
    public List<MetricFamilySamples> describe() {
        return new Families().all();
    }

    private static final class Families {
        final GaugeMetricFamily phase = new GaugeMetricFamily(PHASE,
                "Whether the NasSearch is in this phase (1) or not (0), one series per phase, from status.phase", SEARCH_AND_PHASE);
        final GaugeMetricFamily epoch = new GaugeMetricFamily(EPOCH,
                "The NasSearch's current epoch, 1-based, search and child training counted together (status.progress.epoch)", SEARCH);
        final GaugeMetricFamily bestAccuracy = new GaugeMetricFamily(BEST_ACCURACY,
                "Best validation accuracy of the derived child so far, a fraction in [0, 1] (status.progress.bestAccuracy)", SEARCH);
        // A gauge, not a counter: billing an attempt on a lost node only up to the node's last heartbeat can lower it.
        final GaugeMetricFamily budgetUsed = new GaugeMetricFamily(BUDGET_USED,
                "Device-seconds the NasSearch used over every attempt (status.budget.deviceSecondsUsed)", SEARCH);
        final GaugeMetricFamily budgetLimit = new GaugeMetricFamily(BUDGET_LIMIT,
                "The NasSearch's budget in device-seconds, spec.budget.deviceHours x 3600 (status.budget.deviceSecondsLimit)", SEARCH);

        void add(NasSearch search) {
            NasSearchStatus status = search.getStatus();
            if (status == null) {
                return;
            }
            String namespace = search.getMetadata().getNamespace();
            String name = search.getMetadata().getName();
            List<String> labels = List.of(namespace, name);
            if (status.getPhase() != null) {
                for (Phase each : Phase.values()) {
                    phase.addMetric(List.of(namespace, name, Phases.display(each)), each == status.getPhase() ? 1 : 0);
                }
            }
            ProgressStatus progress = status.getProgress();
            if (progress != null && progress.getEpoch() != null) {
                epoch.addMetric(labels, progress.getEpoch());
            }
            if (progress != null && progress.getBestAccuracy() != null) {
                bestAccuracy.addMetric(labels, progress.getBestAccuracy());
            }
            BudgetStatus budget = status.getBudget();
            if (budget != null && budget.getDeviceSecondsUsed() != null) {
                budgetUsed.addMetric(labels, budget.getDeviceSecondsUsed());
            }
            if (budget != null && budget.getDeviceSecondsLimit() != null) {
                budgetLimit.addMetric(labels, budget.getDeviceSecondsLimit());
            }
        }

        List<MetricFamilySamples> all() {
            return List.of(phase, epoch, bestAccuracy, budgetUsed, budgetLimit);
        }
    }
}
