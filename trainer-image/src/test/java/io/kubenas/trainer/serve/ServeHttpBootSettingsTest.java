package io.kubenas.trainer.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeHttpBootSettingsTest {

    @Test
    void serveListensOnThePortFromTheCommandLine() {
        assertThat(HttpBootSettings.forArguments("serve", "--child", "/c", "--port", "9000"))
                .containsEntry("quarkus.http.port", "9000")
                .containsEntry("quarkus.http.host-enabled", "true");
        assertThat(HttpBootSettings.forArguments("serve", "--port=9001", "--child=/c"))
                .containsEntry("quarkus.http.port", "9001");
    }

    @Test
    void serveWithoutPortKeepsTheConfiguredPort() {
        assertThat(HttpBootSettings.forArguments("serve", "--child", "/c"))
                .doesNotContainKey("quarkus.http.port")
                .containsEntry("quarkus.http.host-enabled", "true");
    }

    @Test
    void serveSetsTheBodyLimitFromMaxRequestBytes() {
        assertThat(HttpBootSettings.forArguments("serve", "--child", "/c", "--max-request-bytes", "2M"))
                .containsEntry("quarkus.http.limits.max-body-size", "2M");
        assertThat(HttpBootSettings.bytes("2M")).isEqualTo(2L << 20);
        assertThat(HttpBootSettings.bytes("512k")).isEqualTo(512L << 10);
        assertThat(HttpBootSettings.bytes("1000")).isEqualTo(1000);
    }

    @Test
    void otherCommandsOpenNoHttpPort() {
        assertThat(HttpBootSettings.forArguments("search", "/work", "--port", "9000"))
                .containsEntry("quarkus.http.host-enabled", "false")
                .doesNotContainKey("quarkus.http.port");
        assertThat(HttpBootSettings.forArguments("run", "manifest.yaml")).containsEntry("quarkus.http.host-enabled", "false");
        assertThat(HttpBootSettings.forArguments("engine")).containsEntry("quarkus.http.host-enabled", "false");
        assertThat(HttpBootSettings.forArguments("--help")).containsEntry("quarkus.http.host-enabled", "false");
        assertThat(HttpBootSettings.forArguments()).containsEntry("quarkus.http.host-enabled", "false");
    }

    @Test
    void runWithServeListensLikeServe() {
        assertThat(HttpBootSettings.forArguments("run", "manifest.yaml", "--serve", "--port", "8181"))
                .containsEntry("quarkus.http.port", "8181")
                .containsEntry("quarkus.http.host-enabled", "true");
    }

    @Test
    void onlyServeKeepsQuarkusBootLinesAboutTheHttpServer() {
        assertThat(HttpBootSettings.forArguments("serve", "--child", "/c")).doesNotContainKey(HttpBootSettings.QUARKUS_LOG_LEVEL);
        assertThat(HttpBootSettings.forArguments("run", "manifest.yaml", "--serve"))
                .containsEntry("quarkus.log.category.\"io.quarkus\".level", "WARN");
        assertThat(HttpBootSettings.forArguments("run", "manifest.yaml")).containsEntry(HttpBootSettings.QUARKUS_LOG_LEVEL, "WARN");
        assertThat(HttpBootSettings.forArguments("evaluate", "--child", "/c")).containsEntry(HttpBootSettings.QUARKUS_LOG_LEVEL, "WARN");
    }

    @Test
    void invalidPortOrSizeOpensNothingAndLeavesTheErrorToPicocli() {
        assertThat(HttpBootSettings.forArguments("serve", "--port", "http")).containsEntry("quarkus.http.host-enabled", "false")
                .doesNotContainKey("quarkus.http.port");
        assertThat(HttpBootSettings.forArguments("serve", "--port", "70000")).containsEntry("quarkus.http.host-enabled", "false");
        assertThat(HttpBootSettings.forArguments("serve", "--max-request-bytes", "lots")).containsEntry("quarkus.http.host-enabled", "false");
    }

    @Test
    void argumentsAfterDoubleDashAreNotOptions() {
        assertThat(HttpBootSettings.forArguments("serve", "--child", "/c", "--", "--port", "9000"))
                .doesNotContainKey("quarkus.http.port");
    }
}
