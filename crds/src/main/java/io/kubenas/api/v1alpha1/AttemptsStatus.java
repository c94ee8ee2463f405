package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Trainer attempts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AttemptsStatus {

    /** Trainer pods started so far. */
    @JsonPropertyDescription("Trainer pods started so far.")
    private Integer count;

    /** Restarts after failures (counted against restartPolicy.maxRestarts). */
    @JsonPropertyDescription("Restarts after failures (counted against restartPolicy.maxRestarts).")
    private Integer restarts;

    /** Evictions and preemptions (resumed without using up restarts). */
    @JsonPropertyDescription("Evictions and preemptions (resumed without using up restarts).")
    private Integer evictions;

    /** The most recent failure. */
    @JsonPropertyDescription("The most recent failure.")
    private FailureRecord lastFailure;

    /** When the next attempt may start (restart back-off), RFC 3339. */
    @JsonPropertyDescription("When the next attempt may start (restart back-off), RFC 3339.")
    private String nextAttemptAt;

    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    public AttemptsStatus withCount(Integer count) {
        this.count = count;
        return this;
    }

    public Integer getRestarts() {
        return restarts;
    }

    public void setRestarts(Integer restarts) {
        this.restarts = restarts;
    }

    public AttemptsStatus withRestarts(Integer restarts) {
        this.restarts = restarts;
        return this;
    }

    public Integer getEvictions() {
        return evictions;
    }

    public void setEvictions(Integer evictions) {
        this.evictions = evictions;
    }

    public AttemptsStatus withEvictions(Integer evictions) {
        this.evictions = evictions;
        return this;
    }

    public FailureRecord getLastFailure() {
        return lastFailure;
    }

    public void setLastFailure(FailureRecord lastFailure) {
        this.lastFailure = lastFailure;
    }

    public AttemptsStatus withLastFailure(FailureRecord lastFailure) {
        this.lastFailure = lastFailure;
        return this;
    }

    public String getNextAttemptAt() {
        return nextAttemptAt;
    }

    public void setNextAttemptAt(String nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
    }

    public AttemptsStatus withNextAttemptAt(String nextAttemptAt) {
        this.nextAttemptAt = nextAttemptAt;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AttemptsStatus that)) {
            return false;
        }
        return Objects.equals(count, that.count) && Objects.equals(restarts, that.restarts) && Objects.equals(evictions, that.evictions) && Objects.equals(lastFailure, that.lastFailure) && Objects.equals(nextAttemptAt, that.nextAttemptAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, restarts, evictions, lastFailure, nextAttemptAt);
    }

    @Override
    public String toString() {
        return "AttemptsStatus{" + "count=" + count + ", " + "restarts=" + restarts + ", " + "evictions=" + evictions + ", " + "lastFailure=" + lastFailure + ", " + "nextAttemptAt=" + nextAttemptAt + "}";
    }
}
