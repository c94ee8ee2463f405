package io.kubenas.operator.status;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubenas.api.progress.TrainerProgress;
import org.jboss.logging.Logger;

/**
 * Reads what the trainer reports (its progress ConfigMap value and its termination message): both are a
 * {@link TrainerProgress} as JSON. A report that cannot be read is ignored, never fatal: the trainer may be
 * of another version, and the next report replaces it.
 */
public final class TrainerReports {
    private static final Logger LOG = Logger.getLogger(TrainerReports.class);
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private TrainerReports() {
    }

    /** The report in {@code json}, or null when it is empty or unreadable. */
    public static TrainerProgress parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.unmarshal(json, TrainerProgress.class);
        } catch (RuntimeException e) {
            LOG.debugf("ignoring an unreadable trainer report: %s", e.getMessage());
            return null;
        }
    }

    /** {@code later} over {@code earlier}: every field the later report sets wins. Either may be null. */
    public static TrainerProgress merge(TrainerProgress earlier, TrainerProgress later) {
        if (earlier == null) {
            return later;
        }
        if (later == null) {
            return earlier;
        }
        TrainerProgress merged = new TrainerProgress();
        merged.setStage(later.getStage() != null ? later.getStage() : earlier.getStage());
        merged.setOutcome(later.getOutcome() != null ? later.getOutcome() : earlier.getOutcome());
        merged.setMessage(later.getMessage() != null ? later.getMessage() : earlier.getMessage());
        merged.setAttempt(later.getAttempt() != null ? later.getAttempt() : earlier.getAttempt());
        merged.setProgress(later.getProgress() != null ? later.getProgress() : earlier.getProgress());
        merged.setArchitecture(later.getArchitecture() != null ? later.getArchitecture() : earlier.getArchitecture());
        merged.setBudget(later.getBudget() != null ? later.getBudget() : earlier.getBudget());
        merged.setCheckpoints(later.getCheckpoints() != null ? later.getCheckpoints() : earlier.getCheckpoints());
        merged.setChild(later.getChild() != null ? later.getChild() : earlier.getChild());
        merged.setTenas(later.getTenas() != null ? later.getTenas() : earlier.getTenas());
        merged.setEtaSeconds(later.getEtaSeconds() != null ? later.getEtaSeconds() : earlier.getEtaSeconds());
        return merged;
    }
}
