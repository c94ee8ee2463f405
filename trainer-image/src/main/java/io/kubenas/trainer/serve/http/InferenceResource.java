package io.kubenas.trainer.serve.http;

import io.kubenas.trainer.serve.ModelRegistry;
import io.kubenas.trainer.serve.model.ModelBusyException;
import io.kubenas.trainer.serve.model.Prediction;
import io.kubenas.trainer.serve.model.ServedModel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The Open Inference Protocol (KServe v2) REST API: health, metadata and inference for the one served model.
 * Every path also exists under {@code /v2/models/{name}/versions/{version}}.
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class InferenceResource {
    private final ModelRegistry models;
    private final ServeMetrics metrics;

    public InferenceResource(ModelRegistry models, ServeMetrics metrics) {
        this.models = models;
        this.metrics = metrics;
    }

    @GET
    public V2Responses.ServerMetadata server() {
        String version = InferenceResource.class.getPackage().getImplementationVersion();
        return new V2Responses.ServerMetadata("kubenas", version == null ? "development" : version, List.of());
    }

    @GET
    @Path("/health/live")
    public V2Responses.Live live() {
        return new V2Responses.Live(true);
    }

    /** 200 once the model is loaded; before, 503 (what KServe's own servers answer; probes fail on any 4xx/5xx). */
    @GET
    @Path("/health/ready")
    public Response ready() {
        return models.isReady()
                ? Response.ok(new V2Responses.Ready(true, null)).build()
                : Response.status(503).entity(new V2Responses.Ready(false, "the model is not loaded yet")).build();
    }

    @GET
    @Path("/models")
    public V2Responses.ModelList models() {
        return new V2Responses.ModelList(models.current().map(m -> List.of(m.metadata().name())).orElse(List.of()));
    }

    @GET
    @Path("/models/{name}")
    public V2Responses.ModelMetadataBody metadata(@PathParam("name") String name) {
        return V2Responses.ModelMetadataBody.of(models.require(name, null).metadata());
    }

    @GET
    @Path("/models/{name}/versions/{version}")
    public V2Responses.ModelMetadataBody metadata(@PathParam("name") String name, @PathParam("version") String version) {
        return V2Responses.ModelMetadataBody.of(models.require(name, version).metadata());
    }

    @GET
    @Path("/models/{name}/ready")
    public V2Responses.Ready modelReady(@PathParam("name") String name) {
        models.require(name, null);
        return new V2Responses.Ready(true, null);
    }

    @GET
    @Path("/models/{name}/versions/{version}/ready")
    public V2Responses.Ready modelReady(@PathParam("name") String name, @PathParam("version") String version) {
        models.require(name, version);
        return new V2Responses.Ready(true, null);
    }

    /**
     * Classifies a batch of images. The body is read as bytes and parsed here, not bound by the framework, so
     * that every malformed body gets a message naming its problem.
     */
    @POST
    @Path("/models/{name}/infer")
    public V2Responses.InferResponse infer(@PathParam("name") String name, byte[] body) {
        return answer(name, null, body);
    }

    @POST
    @Path("/models/{name}/versions/{version}/infer")
    public V2Responses.InferResponse infer(@PathParam("name") String name, @PathParam("version") String version, byte[] body) {
        return answer(name, version, body);
    }

    private V2Responses.InferResponse answer(String name, String version, byte[] body) {
        long start = System.nanoTime();
        try {
            ServedModel model = models.require(name, version);
            InferRequest request = InferRequestParser.parse(body);
            InferRequestValidator.ValidBatch batch = InferRequestValidator.validate(request, model.metadata(), models.limits().maxBatch());
            Prediction prediction = model.predict(batch.pixels(), batch.count());
            V2Responses.InferResponse response = V2Responses.InferResponse.of(model.metadata(), request.id(), prediction,
                    batch.wantProbabilities(), batch.wantLabel());
            metrics.answered(200, System.nanoTime() - start, batch.count());
            models.countAnswered();
            return response;
        } catch (InferenceRequestException e) {
            metrics.refused(e.status());
            throw e;
        } catch (ModelBusyException e) {
            metrics.refused(503);
            throw new InferenceRequestException(503, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.refused(503);
            throw new InferenceRequestException(503, "the server is shutting down");
        } catch (RuntimeException e) {
            metrics.refused(500);
            throw e;
        }
    }
}
