package io.kubenas.trainer.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubenas.trainer.serve.model.ModelMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * A small Open Inference Protocol client for tests and the benchmark: posts a batch of [0, 1] pixels and
 * returns the labels (or the whole answer). For the end-to-end test: {@code client.labels(pixels, n, c, h, w)}
 * per batch of the test set, then compare with the true labels.
 */
public final class InferenceClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI infer;

    /** @param base e.g. {@code http://127.0.0.1:8080} */
    public InferenceClient(URI base, String model) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.infer = base.resolve("/v2/models/" + model + "/infer");
    }

    /** The JSON body of an infer request for {@code count} images of {@code c×h×w}, with the data flat. */
    public static String requestBody(float[] pixels, int count, int c, int h, int w) {
        StringBuilder body = new StringBuilder(pixels.length * 10 + 128);
        body.append("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[")
                .append(count).append(',').append(c).append(',').append(h).append(',').append(w)
                .append("],\"data\":[");
        for (int i = 0; i < pixels.length; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(pixels[i]);
        }
        return body.append("]}]}").toString();
    }

    /** Posts a body; returns the status and the raw response. */
    public HttpResponse<String> post(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(infer)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Classifies a batch; fails unless the server answers 200. */
    public Answer classify(float[] pixels, int count, int c, int h, int w) throws IOException, InterruptedException {
        HttpResponse<String> response = post(requestBody(pixels, count, c, h, w));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return Answer.parse(response.body());
    }

    /** The predicted label of each image. */
    public long[] labels(float[] pixels, int count, int c, int h, int w) throws IOException, InterruptedException {
        return classify(pixels, count, c, h, w).labels();
    }

    /** The two outputs of an infer response. */
    public record Answer(float[] probabilities, long[] labels) {
        static Answer parse(String body) throws IOException {
            JsonNode outputs = JSON.readTree(body).get("outputs");
            float[] probabilities = null;
            long[] labels = null;
            for (JsonNode output : outputs) {
                JsonNode data = output.get("data");
                if (output.get("name").asText().equals(ModelMetadata.PROBABILITIES)) {
                    probabilities = new float[data.size()];
                    for (int i = 0; i < data.size(); i++) {
                        probabilities[i] = data.get(i).floatValue();
                    }
                } else if (output.get("name").asText().equals(ModelMetadata.LABEL)) {
                    labels = new long[data.size()];
                    for (int i = 0; i < data.size(); i++) {
                        labels[i] = data.get(i).longValue();
                    }
                }
            }
            return new Answer(probabilities, labels);
        }

        @Override
        public String toString() {
            return "Answer{labels=" + Arrays.toString(labels) + "}";
        }
    }
}
