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
        ImageSet image = distinctPixels();
        int flipped = 0;
        for (int epoch = 0; epoch < 200; epoch++) {
            int[][] out = augment(image, new Augmentation(0, true), epoch);
            boolean mirrored = out[0][0] == pixel(0, SIDE - 1);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    assertThat(out[y][x]).isEqualTo(mirrored ? pixel(y, SIDE - 1 - x) : pixel(y, x));
                }
            }
            flipped += mirrored ? 1 : 0;
        }
        assertThat(flipped).isBetween(70, 130);
    }

    @Test
    void randomCropShiftsTheImageWithinThePaddingAndFillsWithBlack() {
        ImageSet image = distinctPixels();
        Set<String> shifts = new HashSet<>();
        for (int epoch = 0; epoch < 300; epoch++) {
            int[][] out = augment(image, new Augmentation(1, false), epoch);
            String shift = findShift(out);
            assertThat(shift).as("output of epoch %d is a shifted window", epoch).isNotNull();
            shifts.add(shift);
        }
        assertThat(shifts).hasSize(9); // every (dx, dy) in [-1, 1]²
    }

    private static String findShift(int[][] out) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                boolean matches = true;
                for (int y = 0; y < SIDE && matches; y++) {
                    for (int x = 0; x < SIDE && matches; x++) {
                        int sy = y + dy;
                        int sx = x + dx;
                        int expected = sy < 0 || sy >= SIDE || sx < 0 || sx >= SIDE ? 0 : pixel(sy, sx);
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

    private static int[][] augment(ImageSet image, Augmentation augmentation, int epoch) {
        BatchAssembler assembler = new BatchAssembler(image, IDENTITY, augmentation, 42);
        BatchAssembler.PreparedBatch batch = assembler.prepare(new int[] {0}, 0, 1, new DataPosition(epoch, 0), null);
        java.nio.FloatBuffer values = batch.images().asFloatBuffer();
        int[][] out = new int[SIDE][SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                out[y][x] = Math.round(values.get(y * SIDE + x) * 255);
            }
        }
        return out;
    }

    private static int pixel(int y, int x) {
        return 10 + y * SIDE + x;
    }

    private static ImageSet distinctPixels() {
        byte[] pixels = new byte[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                pixels[y * SIDE + x] = (byte) pixel(y, x);
            }
        }
        return new ImageSet(pixels, new int[] {0}, 1, SIDE);
    }
}
