package io.kubenas.trainer.serve.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.kubenas.trainer.data.Normalization;

/**
 * From [0, 1] pixels to class probabilities: applies the training normalisation {@code (x - mean[c]) / std[c]}
 * — the same constants the trainer used, from the child's architecture.json — runs the network, whose output
 * is logits {@code [N, classes]}, and takes a softmax over the classes.
 *
 * <p>The batch is already formed by the caller, so there is no batchifier: one {@link PixelBatch} is one
 * forward pass.
 */
final class ImageClassifierTranslator implements Translator<PixelBatch, float[]> {
    private final ModelMetadata metadata;
    private final float[] mean;
    private final float[] std;

    ImageClassifierTranslator(ModelMetadata metadata) {
        this.metadata = metadata;
        Normalization normalization = metadata.normalization();
        this.mean = normalization.mean();
        this.std = normalization.std();
    }

    @Override
    public NDList processInput(TranslatorContext ctx, PixelBatch batch) {
        NDManager manager = ctx.getNDManager();
        int c = metadata.channels();
        NDArray pixels = manager.create(batch.pixels(), new Shape(batch.count(), c, metadata.height(), metadata.width()));
        NDArray channelMean = manager.create(mean, new Shape(1, c, 1, 1));
        NDArray channelStd = manager.create(std, new Shape(1, c, 1, 1));
        ctx.setAttachment("count", batch.count());
        return new NDList(pixels.sub(channelMean).div(channelStd));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList output) {
        NDArray logits = output.singletonOrThrow();
        int count = (Integer) ctx.getAttachment("count");
        Shape expected = new Shape(count, metadata.classes());
        if (!logits.getShape().equals(expected)) {
            throw new IllegalStateException("the network returned " + logits.getShape() + ", expected logits " + expected);
        }
        return logits.softmax(1).toFloatArray();
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
