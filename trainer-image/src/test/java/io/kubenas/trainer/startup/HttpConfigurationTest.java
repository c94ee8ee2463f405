package io.kubenas.trainer.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import org.junit.jupiter.api.Test;

class HttpConfigurationTest {

    @Test
    void serveListensOnThePortFromTheCommandLine() {
        assertThat(HttpConfiguration.forArguments("serve", "--child", "/c", "--port", "9000"))
                .containsEntry("quarkus.http.port", "9000")
                .containsEntry("quarkus.http.host-enabled", "true");
        assertThat(HttpConfiguration.forArguments("serve", "--port=9001", "--child=/c"))
                .containsEntry("quarkus.http.port", "9001");
    }

    @Test
    void serveWithoutPortKeepsTheConfiguredPort() {
        assertThat(HttpConfiguration.forArguments("serve", "--child", "/c"))
                .doesNotContainKey("quarkus.http.port")
                .containsEntry("quarkus.http.host-enabled", "true");
    }

    @Test
    void serveSetsTheBodyLimitFromMaxRequestBytes() {
        assertThat(HttpConfiguration.forArguments("serve", "--child", "/c", "--max-request-bytes", "2M"))
                .containsEntry("quarkus.http.limits.max-body-size", "2M");
        assertThat(bytes("2M")).isEqualTo(2L << 20);
        assertThat(bytes("512k")).isEqualTo(512L << 10);
        assertThat(bytes("1000")).isEqualTo(1000);
    }

    @Test
    void otherCommandsOpenNoHttpPort() {
        assertThat(HttpConfiguration.forArguments("search", "/work", "--port", "9000"))
                .containsEntry("quarkus.http.host-enabled", "false")
                .doesNotContainKey("quarkus.http.port");
        assertThat(HttpConfiguration.forArguments("run", "manifest.yaml")).containsEntry("quarkus.http.host-enabled", "false");
        assertThat(HttpConfiguration.forArguments("engine")).containsEntry("quarkus.http.host-enabled", "false");
        assertThat(HttpConfiguration.forArguments("--help")).containsEntry("quarkus.http.host-enabled", "false");
        assertThat(HttpConfiguration.forArguments()).containsEntry("quarkus.http.host-enabled", "false");
    }

    @Test
    void runWithServeListensLikeServe() {
        assertThat(HttpConfiguration.forArguments("run", "manifest.yaml", "--serve", "--port", "8181"))
                .containsEntry("quarkus.http.port", "8181")
                .containsEntry("quarkus.http.host-enabled", "true");
    }

    @Test
    void onlyServeKeepsQuarkusBootLinesAboutTheHttpServer() {
        assertThat(HttpConfiguration.forArguments("serve", "--child", "/c")).doesNotContainKey(HttpConfiguration.QUARKUS_LOG_LEVEL);
        assertThat(HttpConfiguration.forArguments("run", "manifest.yaml", "--serve"))
                .containsEntry("quarkus.log.category.\"io.quarkus\".level", "WARN");
        assertThat(HttpConfiguration.forArguments("run", "manifest.yaml")).containsEntry(HttpConfiguration.QUARKUS_LOG_LEVEL, "WARN");
        assertThat(HttpConfiguration.forArguments("evaluate", "--child", "/c")).containsEntry(HttpConfiguration.QUARKUS_LOG_LEVEL, "WARN");
    }

    @Test
    void invalidPortOrSizeOpensNothingAndLeavesTheErrorToPicocli() {
        assertThat(HttpConfiguration.forArguments("serve", "--port", "http")).containsEntry("quarkus.http.host-enabled", "false")
                .doesNotContainKey("quarkus.http.port");
        assertThat(HttpConfiguration.forArguments("serve", "--port", "70000")).containsEntry("quarkus.http.host-enabled", "false");
        assertThat(HttpConfiguration.forArguments("serve", "--max-request-bytes", "lots")).containsEntry("quarkus.http.host-enabled", "false");
    }

    @Test
    void argumentsAfterDoubleDashAreNotOptions() {
        assertThat(HttpConfiguration.forArguments("serve", "--child", "/c", "--", "--port", "9000"))
                .doesNotContainKey("quarkus.http.port");
    }

    /** How Quarkus reads quarkus.http.limits.max-body-size, which --max-request-bytes becomes. */
    private static long bytes(String size) {
        return new MemorySizeConverter().convert(size).asLongValue();
    }
}
