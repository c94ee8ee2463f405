package io.kubenas.trainer.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubenas.api.progress.PodContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogConfigurationTest {

    @Test
    void jsonFromTheOperatorTurnsOnQuarkusJsonConsole() {
        assertThat(LogConfiguration.forEnvironment(Map.of(PodContract.ENV_LOG_FORMAT, "json")))
                .containsExactly(Map.entry("quarkus.log.console.json.enabled", "true"));
    }

    @Test
    void textTurnsItOffExplicitly() {
        assertThat(LogConfiguration.forEnvironment(Map.of(PodContract.ENV_LOG_FORMAT, "text")))
                .containsExactly(Map.entry("quarkus.log.console.json.enabled", "false"));
    }

    @Test
    void withoutTheVariableNothingIsSetSoALocalRunKeepsPlainText() {
        assertThat(LogConfiguration.forEnvironment(Map.of())).isEmpty();
        assertThat(LogConfiguration.forEnvironment(Map.of(PodContract.ENV_LOG_FORMAT, " "))).isEmpty();
    }

    @Test
    void anUnknownFormatIsRefusedNamingTheAcceptedOnes() {
        assertThatThrownBy(() -> LogConfiguration.forEnvironment(Map.of(PodContract.ENV_LOG_FORMAT, "xml")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected one of text, json");
    }
}
