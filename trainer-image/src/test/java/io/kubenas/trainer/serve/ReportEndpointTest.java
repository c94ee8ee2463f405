package io.kubenas.trainer.serve;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.kubenas.api.progress.PodContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /report} over HTTP: the served child's search report as a page, or a plain 404 saying why there is none. */
@QuarkusTest
class ReportEndpointTest {
    @Inject
    ServedReport report;

    @AfterEach
    void forgetTheReport() throws Exception {
        report.load(Files.createTempDirectory("kubenas-no-child"));
    }

    @Test
    void theReportOfAChildWithItsHistoryIsAnHtmlPage() throws Exception {
        report.load(TestChildren.exportWithHistory(Files.createTempDirectory("kubenas-report").resolve("child"), 42));

        given().get(PodContract.REPORT_PATH).then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<title>kubenas search report: tiny</title>"))
                .body(containsString("id=\"kubenas-report-data\""));
    }

    @Test
    void aChildWithoutHistoryGetsANotFoundThatSaysWhy() throws Exception {
        Path dir = TestChildren.export(Files.createTempDirectory("kubenas-report").resolve("child"), 42);
        report.load(dir);

        given().get(PodContract.REPORT_PATH).then().statusCode(404)
                .contentType(startsWith("text/plain"))
                .body(equalTo("no search report: the served child carries no search history (it was exported by an older kubenas)\n"));
    }
}
