package io.kubenas.trainer.tenas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.kubenas.trainer.data.ImageSet;
import io.kubenas.trainer.data.Normalization;
import io.kubenas.trainer.searchspace.WithEngine;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingImageSamplerTest extends WithEngine {
    @Test
    void cropsOfMostlyBlankImagesAreNeverConstantAndRepeatForTheSameSeed() {
        TrainingImageSampler sampler = new TrainingImageSampler(mostlyBlank(40, 1, 12), new Normalization(new float[] {0.1f}, new float[] {0.3f}));
        NDArray crops = sampler.crops(manager, 500, 3, 1, 9);
        assertThat(crops.getShape()).isEqualTo(new Shape(500, 1, 3, 3));
        float[] values = crops.toFloatArray();
        for (int n = 0; n < 500; n++) {
            Set<Float> distinct = new HashSet<>();
            for (int i = 0; i < 9; i++) {
                distinct.add(values[n * 9 + i]);
            }
            assertThat(distinct).as("crop %d", n).hasSizeGreaterThan(1);
        }
        assertThat(sampler.crops(manager, 500, 3, 1, 9).toFloatArray()).containsExactly(values);
        assertThat(sampler.crops(manager, 500, 3, 1, 10).toFloatArray()).isNotEqualTo(values);
    }

    @Test
    void singleChannelCropsOfColourImagesTakeOneChannelAndFullCropsTakeAll() {
        TrainingImageSampler sampler = new TrainingImageSampler(mostlyBlank(10, 3, 8),
                new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1}));
        assertThat(sampler.crops(manager, 20, 3, 1, 1).getShape()).isEqualTo(new Shape(20, 1, 3, 3));
        assertThat(sampler.crops(manager, 20, 3, 3, 1).getShape()).isEqualTo(new Shape(20, 3, 3, 3));
        assertThatThrownBy(() -> sampler.crops(manager, 20, 3, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blankImagesAreReportedInsteadOfLoopingForever() {
        ImageSet blank = new ImageSet(new byte[5 * 8 * 8], new int[5], 1, 8);
        TrainingImageSampler sampler = new TrainingImageSampler(blank, new Normalization(new float[] {0}, new float[] {1}));
        assertThatThrownBy(() -> sampler.crops(manager, 10, 3, 1, 1)).hasMessageContaining("blank");
    }

    @Test
    void ntkBatchHoldsDistinctNormalisedImages() {
        ImageSet images = mostlyBlank(6, 1, 4);
        TrainingImageSampler sampler = new TrainingImageSampler(images, new Normalization(new float[] {0.5f}, new float[] {0.5f}));
        NDArray batch = sampler.batch(manager, 6, 3);
        assertThat(batch.getShape()).isEqualTo(new Shape(6, 1, 4, 4));
        float[] values = batch.toFloatArray();
        Set<String> distinct = new HashSet<>();
        for (int n = 0; n < 6; n++) {
            distinct.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(values, n * 16, (n + 1) * 16)));
        }
        assertThat(distinct).hasSize(6); // every image of the split, each once
        assertThat(values[0]).isBetween(-1f, 1f);
    }

    /** Half the images blank (background), half random texture: like Fashion-MNIST's borders, but worse. */
    static ImageSet mostlyBlank(int count, int channels, int size) {
        Random random = new Random(count * 31L + size);
        byte[] pixels = new byte[count * channels * size * size];
        for (int n = 0; n < count; n++) {
            if (n % 2 == 1) {
                for (int i = 0; i < channels * size * size; i++) {
                    pixels[n * channels * size * size + i] = (byte) random.nextInt(256);
                }
            } else {
                pixels[n * channels * size * size] = (byte) n; // distinct, but nearly all background
            }
        }
        return new ImageSet(pixels, new int[count], channels, size);
    }
}
