package io.kubenas.trainer.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad request gets a 4xx with {"error": ...} naming the problem, and the server keeps answering. */
@QuarkusTest
class InferenceBadInputTest {
    @Inject
    ModelRegistry registry;

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void serveTheTinyModelWithMaxBatch8() throws Exception {
        registry.serve(TestChildren.shared(), new ServeLimits(8, Duration.ofSeconds(30)));
    }

    @AfterEach
    void serverStillAnswersAValidRequest() {
        given().contentType(ContentType.JSON).body(InferenceClient.requestBody(TestChildren.images(1, 9), 1, 1, 8, 8))
                .post("/v2/models/tiny/infer").then().statusCode(200).body("outputs[1].shape", contains(1));
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v2/models/tiny/infer")
                .then().contentType(ContentType.JSON).body(not(containsString("at io.")));
    }

    private static String tensor(String name, String datatype, String shape, String data) {
        return "{\"inputs\":[{\"name\":\"" + name + "\",\"datatype\":\"" + datatype + "\",\"shape\":" + shape + ",\"data\":" + data + "}]}";
    }

    private static String values(int count, String value) {
        String[] all = new String[count];
        Arrays.fill(all, value);
        return "[" + String.join(",", all) + "]";
    }

    @Test
    void malformedJsonIs400NamingThePosition() {
        post("{\"inputs\": [{\"name\": \"input\",").statusCode(400)
                .body("error", containsString("malformed JSON"))
                .body("error", containsString("line 1"));
    }

    @Test
    void bodyThatIsNotAnObjectIs400() {
        post("[1, 2, 3]").statusCode(400).body("error", equalTo("the request body must be a JSON object with \"inputs\""));
    }

    @Test
    void emptyBodyIs400() {
        given().contentType(ContentType.JSON).post("/v2/models/tiny/infer").then().statusCode(400)
                .body("error", containsString("the request body is empty"));
    }

    @Test
    void missingInputsIs400() {
        post("{\"id\": \"x\"}").statusCode(400).body("error", equalTo("the request has no \"inputs\""));
    }

    @Test
    void wrongDatatypeIs400() {
        post(tensor("input", "FP64", "[1,1,8,8]", values(64, "0.5"))).statusCode(400)
                .body("error", equalTo("inputs[0].datatype is FP64; this model takes FP32"));
        post(tensor("input", "INT8", "[1,1,8,8]", values(64, "1"))).statusCode(400)
                .body("error", equalTo("inputs[0].datatype is INT8; this model takes FP32"));
    }

    @Test
    void wrongRankIs400() {
        post(tensor("input", "FP32", "[1,8,8]", values(64, "0.5"))).statusCode(400)
                .body("error", equalTo("inputs[0].shape [1, 8, 8] has rank 3; this model takes rank 4: [N, 1, 8, 8]"));
    }

    @Test
    void wrongImageShapeIs400() {
        post(tensor("input", "FP32", "[1,3,8,8]", values(192, "0.5"))).statusCode(400)
                .body("error", equalTo("inputs[0].shape [1, 3, 8, 8] does not match this model's input [N, 1, 8, 8]"));
    }

    @Test
    void shapeOfNonIntegersIs400() {
        post(tensor("input", "FP32", "[1,1,8.5,8]", values(64, "0.5"))).statusCode(400)
                .body("error", equalTo("inputs[0].shape must be an array of integers; shape[2] is a number"));
    }

    @Test
    void dataLengthNotMatchingTheShapeIs400() {
        post(tensor("input", "FP32", "[1,1,8,8]", values(63, "0.5"))).statusCode(400)
                .body("error", equalTo("inputs[0].data has 63 values; shape [1, 1, 8, 8] needs 64"));
        post(tensor("input", "FP32", "[2,1,8,8]", values(64, "0.5"))).statusCode(400)
                .body("error", equalTo("inputs[0].data has 64 values; shape [2, 1, 8, 8] needs 128"));
    }

    @Test
    void nestedDataNotMatchingTheShapeIs400() {
        String row = values(8, "0.5");
        String image = "[[" + String.join(",", Collections.nCopies(8, row)) + "]]";
        post(tensor("input", "FP32", "[2,1,8,8]", "[" + image + "]")).statusCode(400)
                .body("error", equalTo("inputs[0].data has 1 entries in dimension 0, the shape [2, 1, 8, 8] says 2"));
    }

    @Test
    void raggedDataIs400() {
        post(tensor("input", "FP32", "[1,1,8,8]", "[[0.5, 0.5], [0.5]]")).statusCode(400)
                .body("error", containsString("inputs[0].data is ragged"));
    }

    @Test
    void nonNumericDataIs400() {
        post(tensor("input", "FP32", "[1,1,8,8]", "[0.1, 0.2, 0.3, \"0.4\"]")).statusCode(400)
                .body("error", equalTo("inputs[0].data must hold only numbers; value 3 is a string"));
    }

    @Test
    void nanIs400() {
        String data = values(64, "0.5").replaceFirst("0\\.5,0\\.5,0\\.5,0\\.5,0\\.5,0\\.5", "0.5,0.5,0.5,0.5,0.5,NaN");
        post(tensor("input", "FP32", "[1,1,8,8]", data)).statusCode(400)
                .body("error", equalTo("inputs[0].data[5] is NaN; every value must be a finite number"));
    }

    @Test
    void infinityIs400() {
        post(tensor("input", "FP32", "[1,1,8,8]", values(64, "Infinity"))).statusCode(400)
                .body("error", equalTo("inputs[0].data[0] is Infinity; every value must be a finite number"));
        post(tensor("input", "FP32", "[1,1,8,8]", values(64, "1e39"))).statusCode(400)
                .body("error", equalTo("inputs[0].data[0] is Infinity; every value must be a finite number"));
    }

    @Test
    void pixelsOutsideZeroToOneAre400() {
        post(tensor("input", "FP32", "[1,1,8,8]", values(64, "255"))).statusCode(400)
                .body("error", containsString("inputs[0].data[0] is 255.0, outside [0, 1]; send pixels scaled to [0, 1]"));
    }

    @Test
    void emptyBatchIs400() {
        post(tensor("input", "FP32", "[0,1,8,8]", "[]")).statusCode(400)
                .body("error", equalTo("empty batch: inputs[0].shape[0] is 0; send at least one image"));
    }

    @Test
    void batchOverTheMaximumIs400() {
        post(tensor("input", "FP32", "[9,1,8,8]", values(9 * 64, "0.5"))).statusCode(400)
                .body("error", equalTo("batch of 9 images exceeds this server's maximum batch of 8; split the request"));
    }

    @Test
    void bodyOverTheSizeLimitIs413() throws Exception {
        byte[] huge = ("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,1,8,8],\"data\":" + values(400_000, "0.5") + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        // The server answers 413 before reading the body, then drains what is still arriving before it closes: a close
        // under the arriving body would reset the connection and could discard the answer (a broken pipe here).
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(huge));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("larger than");
    }

    @Test
    void chunkedBodyOverTheSizeLimitIs413() throws Exception {
        byte[] huge = ("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,1,8,8],\"data\":" + values(400_000, "0.5") + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = chunkedPost(huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .contains("\"error\":\"the request body is larger than this server's limit of 1048576 bytes");
    }

    @Test
    void chunkedBodyUnderTheLimitIsAnswered() throws Exception {
        byte[] body = InferenceClient.requestBody(TestChildren.images(2, 4), 2, 1, 8, 8).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = chunkedPost(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"shape\":[2]");
    }

    /** An upload without Content-Length: the body publisher has no known length, so it is sent chunked. */
    /** A body of unknown length: the JDK client sends it chunked. */
    private HttpResponse<String> chunkedPost(byte[] body) throws Exception {
        return post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v2/models/tiny/infer"))
                .header("Content-Type", "application/json")
                .POST(body)
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unknownModelIs404() {
        given().contentType(ContentType.JSON).body(InferenceClient.requestBody(TestChildren.images(1, 9), 1, 1, 8, 8))
                .post("/v2/models/nope/infer").then().statusCode(404)
                .body("error", equalTo("unknown model \"nope\"; this server serves \"tiny\""));
        given().get("/v2/models/nope").then().statusCode(404).body("error", containsString("unknown model \"nope\""));
        given().get("/v2/models/nope/ready").then().statusCode(404).body("error", containsString("unknown model \"nope\""));
    }

    @Test
    void wrongHttpMethodIs405() {
        given().get("/v2/models/tiny/infer").then().statusCode(405).contentType(ContentType.JSON)
                .body("error", equalTo("GET is not allowed on /v2/models/tiny/infer; inference takes POST"));
        given().delete("/v2/health/live").then().statusCode(405).contentType(ContentType.JSON)
                .body("error", equalTo("DELETE is not allowed on /v2/health/live; this endpoint takes GET"));
    }

    @Test
    void unknownPathIs404() {
        given().get("/v2/nothing/here").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", containsString("no endpoint at /v2/nothing/here"));
    }

    @Test
    void unknownInputNameIs400() {
        post(tensor("pixels", "FP32", "[1,1,8,8]", values(64, "0.5"))).statusCode(400)
                .body("error", equalTo("unknown input \"pixels\"; this model's input is \"input\""));
    }

    @Test
    void twoInputsAre400() {
        String one = "{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,1,8,8],\"data\":" + values(64, "0.5") + "}";
        post("{\"inputs\":[" + one + "," + one + "]}").statusCode(400)
                .body("error", equalTo("this model takes exactly one input tensor, \"input\"; the request has 2"));
    }

    @Test
    void missingFieldsAre400() {
        post("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,1,8,8],\"data\":" + values(64, "0.5") + "}]}").statusCode(400)
                .body("error", equalTo("inputs[0].datatype is missing; this model takes FP32"));
        post("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"data\":" + values(64, "0.5") + "}]}").statusCode(400)
                .body("error", equalTo("inputs[0].shape is missing; this model takes [N, 1, 8, 8]"));
        post("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,1,8,8]}]}").statusCode(400)
                .body("error", equalTo("inputs[0].data is missing"));
    }

    @Test
    void unknownOutputIs400() {
        post("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,1,8,8],\"data\":" + values(64, "0.5")
                + "}],\"outputs\":[{\"name\":\"logits\"}]}").statusCode(400)
                .body("error", equalTo("unknown output \"logits\"; this model's outputs are \"probabilities\" and \"label\""));
    }

    @Test
    void idThatIsNotAStringIs400() {
        post("{\"id\": 7, \"inputs\": []}").statusCode(400).body("error", equalTo("\"id\" must be a string, got a number"));
    }

    @Test
    void duplicateFieldIs400() {
        post("{\"inputs\": [], \"inputs\": []}").statusCode(400).body("error", containsString("Duplicate field 'inputs'"));
    }
}
