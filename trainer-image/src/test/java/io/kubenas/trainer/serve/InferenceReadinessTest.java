package io.kubenas.trainer.serve;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP is up before the model: live at once, ready only after loading. */
@QuarkusTest
class InferenceReadinessTest {
    @Inject
    ModelRegistry registry;

    @BeforeEach
    void noModelLoaded() {
        registry.detach();
        registry.loading(null);
    }

    @AfterEach
    void serveAgain() throws Exception {
        registry.serve(TestChildren.shared(), ServeLimits.defaults());
    }

    @Test
    void liveButNotReadyBeforeTheModelIsLoaded() {
        given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        given().get("/v2/health/ready").then().statusCode(503)
                .body("ready", equalTo(false))
                .body("error", equalTo("the model is not loaded yet"));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/v2/models").then().statusCode(200).body("models", empty());
    }

    @Test
    void aModelBeingLoadedIsKnownButNotReady() {
        registry.loading("tiny");

        given().get("/v2/models/tiny/ready").then().statusCode(503).body("error", equalTo("model \"tiny\" is still loading"));
        given().contentType(ContentType.JSON).body(InferenceClient.requestBody(TestChildren.images(1, 1), 1, 1, 8, 8))
                .post("/v2/models/tiny/infer").then().statusCode(503).body("error", equalTo("model \"tiny\" is still loading"));
        given().get("/v2/models/other/ready").then().statusCode(404);
    }

    @Test
    void readyAfterTheModelIsLoaded() throws Exception {
        given().get("/v2/health/ready").then().statusCode(503);

        registry.serve(TestChildren.shared(), ServeLimits.defaults());

        given().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
        given().get("/v2/models/tiny/ready").then().statusCode(200).body("ready", equalTo(true));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/v2/models").then().statusCode(200).body("models", contains("tiny"));
    }
}
