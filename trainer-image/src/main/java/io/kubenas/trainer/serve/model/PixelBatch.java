package io.kubenas.trainer.serve.model;

/** A batch of images as the translator takes it: {@code count × C × H × W} floats in [0, 1], row-major. */
record PixelBatch(float[] pixels, int count) {
}
