package io.kubenas.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The operator image as the chart's Deployment runs it (operator/target/jib-image.tar). */
class OperatorImageTest {

    private final ImageTarball image = BuiltImages.operator();

    @Test
    void runsAsTheChartsNonRootUser() {
        ImageChecks.runsAsTheChartsNonRootUser(image);
    }

    @Test
    void startsJavaWithTheHeapShareAndQuarkusLogManagerWithoutAShell() {
        ImageChecks.startsJavaWithoutAShell(image, "-XX:MaxRAMPercentage=75",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        assertThat(image.cmd()).as("Cmd").isEmpty();
    }

    @Test
    void writesOnlyUnderTmpWhichTheChartMountsAsAnEmptyDir() {
        assertThat(image.containerConfig().path("WorkingDir").asText()).isEqualTo("/tmp");
        assertThat(image.env()).containsEntry("HOME", "/tmp");
    }

    @Test
    void exposesThePortOfItsMetricsAndHealthEndpoints() {
        ImageChecks.exposesPort8080(image);
    }

    @Test
    void carriesTheOciLabelsOfThisBuild() {
        ImageChecks.carriesTheOciLabelsOfThisBuild(image);
    }

    @Test
    void holdsTheOperatorsFastJarUnderOptKubenasReadOnly() {
        ImageChecks.holdsTheFastJarReadOnly(image, "operator");
    }
}
