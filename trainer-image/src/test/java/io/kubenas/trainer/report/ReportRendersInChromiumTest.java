package io.kubenas.trainer.report;

import com.sun.net.httpserver.HttpServer;
import io.kubenas.trainer.browser.RenderedReport;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every chart of a report draws in a real browser: a report with all of them (a TE-NAS search with its child) served by
 * a plain HTTP server, loaded by headless Chromium. The report a real search writes, served by {@code serve}, is checked
 * the same way in ServedReportInChromiumTest.
 */
@Tag("slow") // a browser process: left out of the fast loop (-Pfast)
class ReportRendersInChromiumTest {

    @Test
    void everyChartOfAFullReportDrawsItsDataWithoutConsoleErrors() throws Exception {
        List<String> classes = List.of("T-shirt/top", "Trouser", "<b>Bag</b>");
        SearchReport report = SearchReport.of(SampleHistories.finished("sample", classes), SampleHistories.child("sample", classes));
        byte[] page = ReportPage.html(report).getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/report", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        try {
            RenderedReport.check(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/report"), report.charts(),
                    Path.of("target", "report-screenshots", "sample-report.png"));
        } finally {
            server.stop(0);
        }
    }
}
