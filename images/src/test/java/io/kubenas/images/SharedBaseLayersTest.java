package io.kubenas.images;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The two images start from the same base layers, so a registry and a node keep the JRE once. */
class SharedBaseLayersTest {

    @Test
    void trainerImageStartsWithTheOperatorImagesBaseLayers() {
        var operator = BuiltImages.operator().diffIds();
        var trainer = BuiltImages.trainer().diffIds();
        // The operator's own layers come after its base's: at least the JRE layer must be the trainer's first layer too.
        assertThat(operator).isNotEmpty();
        assertThat(trainer.get(0)).as("the first (JRE) layer of both images").isEqualTo(operator.get(0));
    }
}
