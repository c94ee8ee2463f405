package io.kubenas.operator.controller;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubenas.api.v1alpha1.NasSearchStatus;
import io.kubenas.operator.status.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a search's new status is written: at once when it changed meaningfully, at most once per {@code interval}
 * when only its live figures moved ({@link StatusChange}). The time of each search's last write is kept in memory: an
 * operator that restarts writes the first change it sees, which costs one write.
 */
final class StatusPacing {
    private final Duration interval;
    private final Map<ResourceID, Instant> lastWrite = new ConcurrentHashMap<>();

    StatusPacing(Duration interval) {
        this.interval = interval;
    }

    /** For a status that changed: null to write it now (then call {@link #written}), or how long until it is due. */
    Duration deferral(ResourceID search, NasSearchStatus stored, NasSearchStatus next, Instant now) {
        StatusChange change = StatusChange.between(stored, next);
        if (change != StatusChange.LIVE_FIGURES_ONLY) {
            return null;
        }
        Instant last = lastWrite.get(search);
        if (last == null || !now.isBefore(last.plus(interval))) {
            return null;
        }
        return Duration.between(now, last.plus(interval));
    }

    void written(ResourceID search, Instant now) {
        lastWrite.put(search, now);
        // Forget searches not written for long (deleted ones among them): the map stays as large as the active ones.
        if (lastWrite.size() > 64) {
            Instant stale = now.minus(interval.multipliedBy(10));
            lastWrite.values().removeIf(t -> t.isBefore(stale));
        }
    }
}
