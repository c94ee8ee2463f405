package io.kubenas.trainer.startup;

import io.kubenas.api.progress.LogFormat;
import io.kubenas.api.progress.PodContract;
import java.util.Map;

/**
 * The log format the operator asks trainer and serving pods for ({@link PodContract#ENV_LOG_FORMAT}), as the Quarkus
 * setting of the JSON console formatter. Quarkus configures its console handler while it boots, so {@link KubenasMain}
 * sets this before boot. Unset, nothing is set and application.properties' plain text holds: a local run
 * ({@code ./kubenas run}), which nothing sets the variable for, prints plain lines.
 */
final class LogConfiguration {
    /** quarkus-logging-json's switch (a runtime setting); application.properties turns it off. */
    static final String CONSOLE_JSON = "quarkus.log.console.json.enabled";

    private LogConfiguration() {
    }

    /**
     * The configuration to set before Quarkus boots, for this environment.
     *
     * @throws IllegalArgumentException when the variable names no {@link LogFormat}
     */
    static Map<String, String> forEnvironment(Map<String, String> environment) {
        String value = environment.get(PodContract.ENV_LOG_FORMAT);
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        return Map.of(CONSOLE_JSON, String.valueOf(LogFormat.of(value) == LogFormat.JSON));
    }
}
