package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A failed attempt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FailureRecord {

    /** Machine-readable reason, e.g. Error, OOMKilled, Evicted. */
    @JsonPropertyDescription("Machine-readable reason, e.g. Error, OOMKilled, Evicted.")
    private String reason;

    /** Human-readable detail. */
    @JsonPropertyDescription("Human-readable detail.")
    private String message;

    /** Exit code of the trainer container, when known. */
    @JsonPropertyDescription("Exit code of the trainer container, when known.")
    private Integer exitCode;

    /** When it happened (RFC 3339). */
    @JsonPropertyDescription("When it happened (RFC 3339).")
    private String time;

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public FailureRecord withReason(String reason) {
        this.reason = reason;
        return this;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public FailureRecord withMessage(String message) {
        this.message = message;
        return this;
    }

    public Integer getExitCode() {
        return exitCode;
    }

    public void setExitCode(Integer exitCode) {
        this.exitCode = exitCode;
    }

    public FailureRecord withExitCode(Integer exitCode) {
        this.exitCode = exitCode;
        return this;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public FailureRecord withTime(String time) {
        this.time = time;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FailureRecord that)) {
            return false;
        }
        return Objects.equals(reason, that.reason) && Objects.equals(message, that.message) && Objects.equals(exitCode, that.exitCode) && Objects.equals(time, that.time);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, message, exitCode, time);
    }

    @Override
    public String toString() {
        return "FailureRecord{" + "reason=" + reason + ", " + "message=" + message + ", " + "exitCode=" + exitCode + ", " + "time=" + time + "}";
    }
}
