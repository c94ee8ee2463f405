package io.kubenas.trainer.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.TrainerOutcome;
import io.kubenas.trainer.browser.HeadlessChromium;
import io.kubenas.trainer.browser.RenderedReport;
import io.kubenas.trainer.child.ChildParts;
import io.kubenas.trainer.report.ReportFixtures;
import io.kubenas.trainer.search.SearchOutcome;
import io.kubenas.trainer.serve.model.ChildDirectoryLoader;
import io.kubenas.trainer.serve.model.ChildNetworkBlocks;
import io.kubenas.trainer.serve.model.ServedModel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The search report as a serving pod shows it: a real TE-NAS + DSNAS search on Fashion-MNIST exports its child, the child
 * is split into its ConfigMap parts and projected into one folder as the pod mounts them, the serve command serves it,
 * and headless Chromium loads {@code /report}: every chart draws its data, the console stays free of errors, and the
 * page's screenshot is kept in {@code target/report-screenshots/served-report.png}.
 */
@QuarkusTest
@Tag("slow") // a whole search and a browser process: left out of the fast loop (-Pfast)
class ServedReportInChromiumTest {
    @Inject
    ServeCommand serve;

    @Inject
    ModelRegistry registry;

    @Inject
    ChildNetworkBlocks networks;

    @TestHTTPResource(PodContract.REPORT_PATH)
    URI report;

    @Test
    void theReportOfAServedChildDrawsEveryChartInChromium() throws Exception {
        HeadlessChromium.requireInstalled();
        Path work = Files.createTempDirectory("kubenas-served-report");
        SearchOutcome outcome = FashionMnistChildren.train(work.resolve("search"), ReportFixtures.prunedSearch("served-report", 25));
        assertThat(outcome.outcome()).isEqualTo(TrainerOutcome.EPOCHS_COMPLETED);
        Path mounted = projected(ChildParts.split(outcome.childDir()), Files.createDirectories(work.resolve("etc-kubenas-child")));

        ServedModel previous = registry.detach();
        try {
            serve.child = mounted;
            serve.modelName = "served-report";
            serve.workers = 1;
            assertThat(serve.start(new ChildDirectoryLoader(networks))).isZero();

            given().get(PodContract.REPORT_PATH).then().statusCode(200)
                    .contentType(startsWith("text/html"))
                    .body(containsString("kubenas search report: served-report"));
            RenderedReport.check(report, ReportFixtures.EVERY_CHART, Path.of("target", "report-screenshots", "served-report.png"));
        } finally {
            ServedModel served = registry.detach();
            if (served != null) {
                served.close();
            }
            if (previous != null) {
                registry.serve(previous, ServeLimits.defaults());
            }
        }
    }

    /** The parts' keys in one folder, as the serving pod's projected ConfigMap volume shows them. */
    private static Path projected(List<Map<String, byte[]>> parts, Path dir) throws Exception {
        for (Map<String, byte[]> part : parts) {
            for (Map.Entry<String, byte[]> key : part.entrySet()) {
                Files.write(dir.resolve(key.getKey()), key.getValue());
            }
        }
        return dir;
    }
}
