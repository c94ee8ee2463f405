package io.kubenas.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubenas.api.progress.LogFormat;
import io.smallrye.config.Converters;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/**
 * Values the chart writes into the operator's environment, read with the converter SmallRye Config uses for a setting of
 * their type (an enum has no converter of its own: the implicit one applies).
 */
class OperatorSettingsTest {

    @Test
    void theChartsLogFormatValuesReadAsTheSharedLogFormat() throws NoSuchMethodException {
        Converter<LogFormat> converter = Converters.getImplicitConverter(LogFormat.class);

        assertThat(OperatorSettings.class.getMethod("logFormat").getReturnType()).isEqualTo(LogFormat.class);
        assertThat(converter.convert("json")).isEqualTo(LogFormat.JSON);
        assertThat(converter.convert("text")).isEqualTo(LogFormat.TEXT);
        assertThatThrownBy(() -> converter.convert("logfmt")).isInstanceOf(IllegalArgumentException.class);
    }
}
