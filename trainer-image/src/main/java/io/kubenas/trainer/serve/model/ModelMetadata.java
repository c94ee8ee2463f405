package io.kubenas.trainer.serve.model;

import io.kubenas.trainer.data.Normalization;
import java.util.List;

/**
 * What a served image classifier is and takes, independent of how it computes: the HTTP layer reads only
 * this. One input tensor {@value #INPUT} of FP32 pixels {@code [N, channels, height, width]} scaled to
 * [0, 1]; two outputs, {@value #PROBABILITIES} {@code [N, classes]} (FP32) and {@value #LABEL} {@code [N]}
 * (INT64, the argmax).
 *
 * @param name the model's name in the URL ({@code /v2/models/{name}})
 * @param version the model's version: the first 12 hex digits of its digest, so a new child is a new version
 * @param digest sha256 of the child's {@code manifest.json} (which hashes every file): the model's identity
 * @param channels image channels (1 grey, 3 colour)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param classNames one name per class, in label order (never empty: {@code "0".."n-1"} when the dataset has none)
 * @param normalization per-channel mean/std the server applies to [0, 1] pixels before the network
 * @param ops the chosen candidate of each choice layer, in order (empty for networks without choices)
 * @param accuracy the child's accuracy on its evaluation split, or null when unknown
 */
public record ModelMetadata(String name, String version, String digest, int channels, int height, int width,
        List<String> classNames, Normalization normalization, List<String> ops, Double accuracy) {

    public static final String INPUT = "input";
    public static final String PROBABILITIES = "probabilities";
    public static final String LABEL = "label";
    public static final String FP32 = "FP32";
    public static final String INT64 = "INT64";
    /** The platform name in v2 metadata: DJL on the PyTorch engine. */
    public static final String PLATFORM = "djl_pytorch";

    public ModelMetadata {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a served model needs a name");
        }
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image dimensions must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (classNames == null || classNames.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classNames);
        }
        if (normalization.channels() != channels) {
            throw new IllegalArgumentException("normalisation has " + normalization.channels() + " channels, the input " + channels);
        }
        classNames = List.copyOf(classNames);
        ops = ops == null ? List.of() : List.copyOf(ops);
    }

    public int classes() {
        return classNames.size();
    }

    /** Values in one image: channels × height × width. */
    public int valuesPerImage() {
        return channels * height * width;
    }

    /** The input shape with -1 for the batch dimension, as v2 metadata reports it. */
    public long[] inputShape() {
        return new long[] {-1, channels, height, width};
    }

    /** A short identity for log lines: name, version, ops and accuracy. */
    public String identity() {
        return String.format("%s (version %s, sha256 %s, ops %s, accuracy %s)", name, version, digest, ops,
                accuracy == null ? "unknown" : String.format("%.4f", accuracy));
    }
}
