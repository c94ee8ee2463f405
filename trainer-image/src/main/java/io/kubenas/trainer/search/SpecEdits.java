package io.kubenas.trainer.search;

import io.kubenas.api.budget.ComputeBudget;
import io.kubenas.api.manifest.NasSearchManifests;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The fields of a NasSearch that may change while its search runs (GitOps edits manifests in place): the target
 * accuracy, the budget and the wall-clock limit. The operator keeps the spec ConfigMap current and Kubernetes
 * updates the trainer's mounted copy; the trainer reads it again at each epoch end, so a new target or a lowered
 * budget takes effect within an epoch instead of at the next attempt.
 *
 * @param targetAccuracy the target, or null for none
 * @param budget the budget (device-seconds and the wall-clock limit over all attempts)
 */
public record SpecEdits(Double targetAccuracy, ComputeBudget budget) {
    private static final Logger LOG = Logger.getLogger(SpecEdits.class);

    /** Where the current values come from. */
    @FunctionalInterface
    public interface Source {
        /** The values as they are now; empty when they cannot be read (the run keeps what it has). */
        Optional<SpecEdits> read();
    }

    static SpecEdits of(SearchPlan plan) {
        return new SpecEdits(plan.targetAccuracy(), plan.budget());
    }

    /** A run whose spec never changes (a local run of a manifest, a test). */
    public static Source none() {
        return Optional::empty;
    }

    /**
     * The spec file the operator mounts, parsed and validated like at start. A file caught mid-update or an
     * invalid edit is skipped with a warning: the running search is never stopped by it.
     */
    public static Source fromFile(Path specFile) {
        return () -> {
            try {
                return Optional.of(of(SearchPlan.from(NasSearchManifests.read(specFile), 0)));
            } catch (RuntimeException e) {
                LOG.warnf("spec %s not re-read (%s): the search goes on with the values it has", specFile, e.getMessage());
                return Optional.empty();
            }
        };
    }
}
