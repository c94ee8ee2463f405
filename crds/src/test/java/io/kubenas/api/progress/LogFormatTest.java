package io.kubenas.api.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void theEnvironmentValueIsTheLowerCaseNameAndReadsBackIgnoringCaseAndBlanks() {
        assertThat(LogFormat.JSON.value()).isEqualTo("json");
        assertThat(LogFormat.TEXT.value()).isEqualTo("text");
        assertThat(LogFormat.of("json")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.of(" JSON\n")).isEqualTo(LogFormat.JSON);
        assertThat(LogFormat.of("Text")).isEqualTo(LogFormat.TEXT);
    }

    @Test
    void anUnknownFormatIsRejectedNamingTheVariableAndTheAcceptedValues() {
        assertThatThrownBy(() -> LogFormat.of("logfmt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KUBENAS_LOG_FORMAT=logfmt: expected one of text, json");
    }
}
