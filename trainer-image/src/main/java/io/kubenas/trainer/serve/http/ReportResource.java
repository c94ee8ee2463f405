package io.kubenas.trainer.serve.http;

import io.kubenas.api.progress.PodContract;
import io.kubenas.trainer.serve.ServedReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The search report of the served child at {@value PodContract#REPORT_PATH}: the same page {@code kubenas report} writes,
 * from the history the child carries ({@code status.serving.reportURL} points here).
 */
@Path(PodContract.REPORT_PATH)
public class ReportResource {
    private final ServedReport report;

    public ReportResource(ServedReport report) {
        this.report = report;
    }

    @GET
    public Response report() {
        return report.page()
                .map(html -> Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build())
                .orElseGet(() -> Response.status(404).type(MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8"))
                        .entity("no search report: " + report.absence() + "\n").build());
    }
}
