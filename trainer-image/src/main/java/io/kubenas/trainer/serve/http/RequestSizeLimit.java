package io.kubenas.trainer.serve.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Answers a body larger than {@code quarkus.http.limits.max-body-size} ({@code serve --max-request-bytes})
 * with the protocol's JSON error and 413. Quarkus enforces the same limit (route order -2) but with an empty
 * body, so these routes run just before it:
 * <ul>
 *   <li>any request whose Content-Length is over the limit is refused before a byte of it is read;</li>
 *   <li>an infer request without Content-Length (chunked) is read here, up to the limit, by Vert.x's body
 *       handler, which REST then takes the body from.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestSizeLimit {
    /** Just before Quarkus' own upload-limit route (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2). */
    static final int ROUTE_ORDER = -3;
    /** How long a refused upload may go on arriving before the connection is closed under it. */
    static final long DRAIN_MILLIS = 5_000;
    static final String INFER_PATH = "/v2/models/[^/]+(/versions/[^/]+)?/infer";

    void install(@Observes Router router, ServeMetrics metrics) {
        var limit = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class);
        if (limit.isEmpty()) {
            return;
        }
        long maxBytes = limit.get().asLongValue();
        router.route().order(ROUTE_ORDER).handler(ctx -> {
            long length = contentLength(ctx);
            if (length > maxBytes) {
                tooLarge(ctx, metrics, "the request body has " + length + " bytes, larger than this server's limit of " + maxBytes + " bytes");
            } else {
                ctx.next();
            }
        });
        var chunkedInfer = router.routeWithRegex(HttpMethod.POST, INFER_PATH).order(ROUTE_ORDER);
        chunkedInfer.handler(ctx -> {
            if (contentLength(ctx) < 0) {
                BodyHandler.create(false).setBodyLimit(maxBytes).handle(ctx);
            } else {
                ctx.next();
            }
        });
        chunkedInfer.failureHandler(ctx -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                // Already answered (the 413 below, then the closed connection fails the request once more): nothing to add.
                return;
            }
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                tooLarge(ctx, metrics, "the request body is larger than this server's limit of " + maxBytes + " bytes");
            } else {
                ctx.next();
            }
        });
    }

    private static long contentLength(RoutingContext ctx) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Closes the connection once the client has sent what it was sending, at most {@value #DRAIN_MILLIS} ms later.
     * Closing while the refused body is still arriving makes the kernel reset the connection, and a reset can
     * discard the 413 before the client has read it: the client then sees a broken pipe instead of the error
     * (measured on a busy 2-core machine). The rest of the body is read and dropped, never buffered.
     */
    private static void drainThenClose(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long timer = ctx.vertx().setTimer(DRAIN_MILLIS, t -> connection.close());
        try {
            request.exceptionHandler(e -> connection.close());
            request.endHandler(v -> {
                ctx.vertx().cancelTimer(timer);
                connection.close();
            });
            request.handler(dropped -> {
            });
            request.resume();
        } catch (IllegalStateException alreadyRead) {
            // A body handler already consumed the request (the chunked case): nothing is left to drain.
            ctx.vertx().cancelTimer(timer);
            connection.close();
        }
    }

    private static void tooLarge(RoutingContext ctx, ServeMetrics metrics, String message) {
        if (ctx.request().path().endsWith("/infer")) {
            metrics.refused(413);
        }
        ctx.response().endHandler(done -> drainThenClose(ctx));
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"error\":\"" + message + "; send fewer images per request\"}");
    }
}
