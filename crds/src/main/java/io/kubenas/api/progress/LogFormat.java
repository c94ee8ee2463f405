package io.kubenas.api.progress;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the trainer image's processes (a trainer pod's {@code search}, a serving pod's {@code serve}) write their log:
 * the value of {@link PodContract#ENV_LOG_FORMAT}, which the operator sets from its own setting (the chart's
 * {@code logs.format}).
 */
public enum LogFormat {
    /** Human-readable lines: the default, and what a local run ({@code ./kubenas run}) always prints. */
    TEXT,
    /** One JSON object per line, for log collectors that parse fields (level, logger, message, exception). */
    JSON;

    /** The value as written in the environment: {@code text} or {@code json}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format a value names, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values, for any other value
     */
    public static LogFormat of(String value) {
        for (LogFormat format : values()) {
            if (format.value().equalsIgnoreCase(value.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException(PodContract.ENV_LOG_FORMAT + "=" + value + ": expected one of "
                + Arrays.stream(values()).map(LogFormat::value).collect(Collectors.joining(", ")));
    }
}
