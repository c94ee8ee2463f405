package io.kubenas.trainer.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.kubenas.trainer.serve.model.ModelMetadata;
import io.kubenas.trainer.serve.model.Prediction;
import io.kubenas.trainer.serve.model.ServedModel;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InferenceApiTest {
    @Inject
    ModelRegistry registry;

    ServedModel model;

    @BeforeEach
    void serveTheTinyModel() throws Exception {
        model = TestChildren.shared();
        registry.serve(model, new ServeLimits(8, Duration.ofSeconds(30)));
    }

    @Test
    void serverIsLive() {
        given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
    }

    @Test
    void serverIsReadyOnceTheModelIsLoaded() {
        given().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
    }

    @Test
    void serverMetadataNamesTheServer() {
        given().get("/v2").then().statusCode(200).body("name", equalTo("kubenas"));
    }

    @Test
    void listsTheServedModel() {
        given().get("/v2/models").then().statusCode(200).body("models", contains("tiny"));
    }

    @Test
    void modelMetadataDescribesInputsOutputsAndClasses() {
        ModelMetadata m = model.metadata();
        given().get("/v2/models/tiny").then().statusCode(200)
                .body("name", equalTo("tiny"))
                .body("versions", contains(m.version()))
                .body("platform", equalTo("djl_pytorch"))
                .body("inputs", hasSize(1))
                .body("inputs[0].name", equalTo("input"))
                .body("inputs[0].datatype", equalTo("FP32"))
                .body("inputs[0].shape", contains(-1, 1, 8, 8))
                .body("outputs.name", contains("probabilities", "label"))
                .body("outputs.datatype", contains("FP32", "INT64"))
                .body("outputs[0].shape", contains(-1, 3))
                .body("outputs[1].shape", contains(-1))
                .body("parameters.class_names", contains("circle", "square", "triangle"))
                .body("parameters.input_range", contains(0, 1))
                .body("parameters.normalization.mean", contains(0.5f))
                .body("parameters.normalization.std", contains(0.25f))
                .body("parameters.sha256", equalTo(m.digest()))
                .body("parameters.ops", contains("xception"))
                .body("parameters.accuracy", equalTo(0.875f));
    }

    @Test
    void versionedPathsAnswerForTheServedVersionOnly() {
        String version = model.metadata().version();
        given().get("/v2/models/tiny/versions/" + version).then().statusCode(200).body("name", equalTo("tiny"));
        given().get("/v2/models/tiny/versions/" + version + "/ready").then().statusCode(200).body("ready", equalTo(true));
        given().get("/v2/models/tiny/versions/0000/ready").then().statusCode(404)
                .body("error", equalTo("model \"tiny\" has no version \"0000\"; it is version \"" + version + "\""));
    }

    @Test
    void modelIsReady() {
        given().get("/v2/models/tiny/ready").then().statusCode(200).body("ready", equalTo(true));
    }

    @Test
    void inferReturnsProbabilitiesAndLabelsEqualToTheNetworksOwn() throws Exception {
        float[] pixels = TestChildren.images(3, 11);
        Prediction direct = model.predict(pixels, 3);

        JsonPath answer = given().contentType(ContentType.JSON)
                .body(InferenceClient.requestBody(pixels, 3, 1, 8, 8).replace("{\"inputs\"", "{\"id\":\"req-7\",\"inputs\""))
                .post("/v2/models/tiny/infer")
                .then().statusCode(200)
                .body("model_name", equalTo("tiny"))
                .body("model_version", equalTo(model.metadata().version()))
                .body("id", equalTo("req-7"))
                .body("outputs.name", contains("probabilities", "label"))
                .body("outputs[0].datatype", equalTo("FP32"))
                .body("outputs[0].shape", contains(3, 3))
                .body("outputs[1].datatype", equalTo("INT64"))
                .body("outputs[1].shape", contains(3))
                .extract().jsonPath();

        List<Float> probabilities = answer.getList("outputs[0].data", Float.class);
        List<Integer> labels = answer.getList("outputs[1].data", Integer.class);
        for (int i = 0; i < 9; i++) {
            assertThat(probabilities.get(i)).isCloseTo(direct.probabilities()[i], offset(1e-6f));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(labels.get(i).longValue()).isEqualTo(direct.labels()[i]);
            assertThat(probabilities.get(3 * i) + probabilities.get(3 * i + 1) + probabilities.get(3 * i + 2))
                    .isCloseTo(1f, offset(1e-5f));
        }
    }

    @Test
    void differentImagesGetDifferentProbabilities() throws Exception {
        Prediction a = model.predict(TestChildren.images(1, 1), 1);
        Prediction b = model.predict(TestChildren.images(1, 2), 1);
        assertThat(a.probabilities()).isNotEqualTo(b.probabilities());
    }

    @Test
    void nestedDataGivesTheSameAnswerAsFlatData() throws Exception {
        float[] pixels = TestChildren.images(2, 5);
        StringBuilder nested = new StringBuilder("[");
        for (int n = 0; n < 2; n++) {
            nested.append(n > 0 ? "," : "").append("[[");
            for (int y = 0; y < 8; y++) {
                nested.append(y > 0 ? "," : "").append('[');
                for (int x = 0; x < 8; x++) {
                    nested.append(x > 0 ? "," : "").append(pixels[n * 64 + y * 8 + x]);
                }
                nested.append(']');
            }
            nested.append("]]");
        }
        nested.append(']');
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[2,1,8,8],\"datatype\":\"FP32\",\"data\":" + nested + "}]}";

        List<Integer> labels = given().contentType(ContentType.JSON).body(body).post("/v2/models/tiny/infer")
                .then().statusCode(200).extract().jsonPath().getList("outputs[1].data", Integer.class);

        Prediction direct = model.predict(pixels, 2);
        assertThat(labels.stream().map(Integer::longValue).toList()).containsExactly(direct.labels()[0], direct.labels()[1]);
    }

    @Test
    void inferReturnsOnlyTheRequestedOutputs() {
        String body = InferenceClient.requestBody(TestChildren.images(1, 3), 1, 1, 8, 8)
                .replaceFirst("}$", ",\"outputs\":[{\"name\":\"label\"}]}");
        given().contentType(ContentType.JSON).body(body).post("/v2/models/tiny/infer")
                .then().statusCode(200).body("outputs.name", contains("label"));
    }

    @Test
    void inferAcceptsABodyWithoutJsonContentType() {
        given().contentType("application/x-www-form-urlencoded").body(InferenceClient.requestBody(TestChildren.images(1, 3), 1, 1, 8, 8))
                .post("/v2/models/tiny/infer")
                .then().statusCode(200).body("outputs[1].shape", contains(1));
    }

    @Test
    void healthEndpointsReportTheModel() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'model' }.data.name", equalTo("tiny"));
    }

    @Test
    void metricsCountRequestsByStatusWithLatencyAndBatchHistograms() {
        given().contentType(ContentType.JSON).body(InferenceClient.requestBody(TestChildren.images(4, 3), 4, 1, 8, 8))
                .post("/v2/models/tiny/infer").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{").post("/v2/models/tiny/infer").then().statusCode(400);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("kubenas_inference_requests_total{status=\"200\"}")
                .contains("kubenas_inference_requests_total{status=\"400\"}")
                .contains("kubenas_inference_duration_seconds_bucket{")
                .contains("kubenas_inference_batch_size_bucket{le=\"4.0\"}")
                .contains("kubenas_inference_workers_busy")
                .contains("http_server_requests_seconds_bucket{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"400\"[^}]*uri=\"/v2/models/\\{name\\}/infer\"");
    }

    @Test
    void errorsAreJsonNotHtml() {
        given().get("/v2/models/nope").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", containsString("unknown model"));
    }
}
