package io.kubenas.trainer.serve.http;

import com.fasterxml.jackson.core.JacksonException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as {@code {"error": "..."}} with a status that says whose fault it is; never a stack
 * trace. A 500 means a bug here (the network failed on a valid batch): it is logged with its stack trace
 * and the client only learns that.
 */
public class InferenceErrorMappers {
    private static final Logger LOG = Logger.getLogger(InferenceErrorMappers.class);

    @ServerExceptionMapper
    public Response refused(InferenceRequestException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, HttpServerRequest request) {
        String hint = request.path().endsWith("/infer") ? "; inference takes POST" : "; this endpoint takes GET";
        return error(405, request.method() + " is not allowed on " + request.path() + hint);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return error(404, "no endpoint at " + request.path() + "; see GET /v2/models and /v2/models/{name}");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "%s %s failed", request.method(), request.path());
            return error(status, "internal error");
        }
        return error(status, e.getMessage() + " (" + request.method() + " " + request.path() + ")");
    }

    @ServerExceptionMapper
    public Response json(JacksonException e) {
        return error(400, "malformed JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "%s %s failed", request.method(), request.path());
        return error(500, "internal error: " + e.getClass().getSimpleName() + "; the server log has the details");
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new V2Responses.Error(message)).build();
    }
}
