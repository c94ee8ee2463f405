package io.kubenas.trainer.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.trainer.data.ImageSet;
import io.kubenas.trainer.serve.FashionMnistChildren;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/infer-fashion-mnist.json}, the body of the README's {@code curl}, is the first Fashion-MNIST
 * test image (an ankle boot) as a valid request. When the format changes, refresh it with
 * {@code mvn -pl trainer-image test -Dtest=ExampleInferRequestTest -Dkubenas.examples.refresh=true} (then commit it).
 */
class ExampleInferRequestTest {
    static final Path EXAMPLE = Path.of(System.getProperty("kubenas.repo.root", "..")).resolve("examples/infer-fashion-mnist.json");

    @Test
    void committedExampleIsTheFirstFashionMnistTestImageAsAValidRequest() throws Exception {
        ImageSet test = FashionMnistChildren.testImages();
        float[] pixels = FashionMnistChildren.pixels(test, 0, 1);
        String expected = body(pixels);
        if (Boolean.getBoolean("kubenas.examples.refresh")) {
            Files.writeString(EXAMPLE, expected);
        }

        assertThat(EXAMPLE).as("refresh with -Dkubenas.examples.refresh=true").hasContent(expected);
        InferRequest request = InferRequestParser.parse(Files.readAllBytes(EXAMPLE));
        InferRequest.InputTensor input = request.inputs().get(0);
        assertThat(input.shape()).containsExactly(1, 1, 28, 28);
        assertThat(input.data().count()).isEqualTo(pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            assertThat(input.data().values()[i]).as("pixel %d", i).isEqualTo(pixels[i]);
        }
        assertThat(test.label(0)).as("an ankle boot").isEqualTo(9);
    }

    /** The request, one image row of 28 pixels per line so the file reads as the picture it is. */
    static String body(float[] pixels) {
        StringBuilder data = new StringBuilder();
        for (int row = 0; row < FashionMnistChildren.SIZE; row++) {
            data.append("        ");
            for (int col = 0; col < FashionMnistChildren.SIZE; col++) {
                int i = row * FashionMnistChildren.SIZE + col;
                data.append(pixels[i]).append(i == pixels.length - 1 ? "" : col == FashionMnistChildren.SIZE - 1 ? "," : ", ");
            }
            data.append('\n');
        }
        return """
                {
                  "inputs": [
                    {
                      "name": "input",
                      "datatype": "FP32",
                      "shape": [1, 1, 28, 28],
                      "data": [
                %s      ]
                    }
                  ]
                }
                """.formatted(data);
    }
}
