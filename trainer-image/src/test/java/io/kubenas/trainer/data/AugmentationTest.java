package io.kubenas.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the augmentation does to one image, checked on the assembler's output buffers. */
class AugmentationTest {
    private static final int SIDE = 4;
    private static final Normalization IDENTITY = new Normalization(new float[] {0}, new float[] {1});

    @Test
    void horizontalFlipMirrorsRowsForAboutHalfTheImages() {
        ImageSet image = distinctPixels(SIDE);
        int flipped = 0;
        for (int epoch = 0; epoch < 200; epoch++) {
            int[][] out = augment(image, new Augmentation(0, true), epoch, SIDE);
            boolean mirrored = out[0][0] == pixel(0, SIDE - 1, SIDE);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    assertThat(out[y][x]).isEqualTo(mirrored ? pixel(y, SIDE - 1 - x, SIDE) : pixel(y, x, SIDE));
                }
            }
            flipped += mirrored ? 1 : 0;
        }
        assertThat(flipped).isBetween(70, 130);
    }

    @Test
    void randomCropShiftsTheImageWithinThePaddingAndFillsWithBlack() {
        ImageSet image = distinctPixels(SIDE);
        Set<String> shifts = new HashSet<>();
        for (int epoch = 0; epoch < 300; epoch++) {
            int[][] out = augment(image, new Augmentation(1, false), epoch, SIDE);
            String shift = findShift(out);
            assertThat(shift).as("output of epoch %d is a shifted window", epoch).isNotNull();
            shifts.add(shift);
        }
        assertThat(shifts).hasSize(9); // every (dx, dy) in [-1, 1]²
    }

    @Test
    void randomErasingSetsOneRectangleOfTheGivenAreaToTheMeanForAboutTheGivenShareOfImages() {
        int side = 28;
        ImageSet image = distinctPixels(side);
        int erased = 0;
        for (int epoch = 0; epoch < 400; epoch++) {
            int[][] out = augment(image, new Augmentation(0, false, 0.5), epoch, side);
            int top = side, left = side, bottom = -1, right = -1, zeros = 0;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    if (out[y][x] == 0) { // the mean after normalisation (IDENTITY: raw 0)
                        zeros++;
                        top = Math.min(top, y);
                        left = Math.min(left, x);
                        bottom = Math.max(bottom, y);
                        right = Math.max(right, x);
                    } else {
                        assertThat(out[y][x]).as("pixels outside the erased rectangle are kept").isEqualTo(pixel(y, x, side));
                    }
                }
            }
            if (zeros > 0) {
                erased++;
                int h = bottom - top + 1;
                int w = right - left + 1;
                assertThat(zeros).as("the erased pixels form one rectangle").isEqualTo(h * w);
                // 2-40% of the area, up to the rounding of each side
                assertThat((double) zeros / (side * side)).isBetween(0.01, 0.5);
                assertThat((double) h / w).isBetween(0.25, 4.0);
            }
        }
        assertThat(erased).isBetween(160, 240);
    }

    @Test
    void enablingRandomErasingLeavesTheCropsAndFlipsAsTheyWere() {
        int side = 28;
        ImageSet image = distinctPixels(side);
        for (int epoch = 0; epoch < 50; epoch++) {
            int[][] without = augment(image, new Augmentation(2, true, 0), epoch, side);
            int[][] with = augment(image, new Augmentation(2, true, 1), epoch, side);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    if (with[y][x] != 0) {
                        assertThat(with[y][x]).as("epoch %d, (%d, %d)", epoch, y, x).isEqualTo(without[y][x]);
                    }
                }
            }
        }
    }

    @Test
    void randomErasingIsAProbability() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Augmentation(0, false, 1.5))
                .hasMessageContaining("randomErasing is a probability in [0, 1], got 1.5");
    }

    private static String findShift(int[][] out) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                boolean matches = true;
                for (int y = 0; y < SIDE && matches; y++) {
                    for (int x = 0; x < SIDE && matches; x++) {
                        int sy = y + dy;
                        int sx = x + dx;
                        int expected = sy < 0 || sy >= SIDE || sx < 0 || sx >= SIDE ? 0 : pixel(sy, sx, SIDE);
                        matches = out[y][x] == expected;
                    }
                }
                if (matches) {
                    return dx + "," + dy;
                }
            }
        }
        return null;
    }

    private static int[][] augment(ImageSet image, Augmentation augmentation, int epoch, int side) {
        BatchAssembler assembler = new BatchAssembler(image, IDENTITY, augmentation, 42);
        BatchAssembler.PreparedBatch batch = assembler.prepare(new int[] {0}, 0, 1, new DataPosition(epoch, 0), null);
        java.nio.FloatBuffer values = batch.images().asFloatBuffer();
        int[][] out = new int[side][side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                out[y][x] = Math.round(values.get(y * side + x) * 255);
            }
        }
        return out;
    }

    /** Distinct enough to tell a kept pixel from a moved one, never 0 (the erased value). */
    private static int pixel(int y, int x, int side) {
        return 1 + (y * side + x) % 255;
    }

    private static ImageSet distinctPixels(int side) {
        byte[] pixels = new byte[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                pixels[y * side + x] = (byte) pixel(y, x, side);
            }
        }
        return new ImageSet(pixels, new int[] {0}, 1, side);
    }
}
