package io.kubenas.trainer.serve.http;

import static io.kubenas.trainer.serve.http.InferenceRequestException.badRequest;

import io.kubenas.trainer.serve.model.ModelMetadata;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Checks a parsed request against the model's signature and the server's limits and turns it into a batch
 * of pixels. The order of the checks decides which problem a request with several is told about first:
 * outputs, then which input, its datatype, its shape, the batch size, the data's length and nesting, and
 * last the values themselves.
 */
final class InferRequestValidator {
    static final Set<String> OUTPUTS = Set.of(ModelMetadata.PROBABILITIES, ModelMetadata.LABEL);

    private InferRequestValidator() {
    }

    /** A request that passed every check. */
    record ValidBatch(float[] pixels, int count, boolean wantProbabilities, boolean wantLabel) {
    }

    static ValidBatch validate(InferRequest request, ModelMetadata model, int maxBatch) {
        boolean wantProbabilities = true;
        boolean wantLabel = true;
        if (request.requestedOutputs() != null) {
            for (String output : request.requestedOutputs()) {
                if (!OUTPUTS.contains(output)) {
                    throw badRequest("unknown output \"" + output + "\"; this model's outputs are \"" + ModelMetadata.PROBABILITIES
                            + "\" and \"" + ModelMetadata.LABEL + "\"");
                }
            }
            if (!request.requestedOutputs().isEmpty()) {
                wantProbabilities = request.requestedOutputs().contains(ModelMetadata.PROBABILITIES);
                wantLabel = request.requestedOutputs().contains(ModelMetadata.LABEL);
            }
        }
        List<InferRequest.InputTensor> inputs = request.inputs();
        if (inputs.size() != 1) {
            throw badRequest("this model takes exactly one input tensor, \"" + ModelMetadata.INPUT + "\"; the request has " + inputs.size());
        }
        InferRequest.InputTensor input = inputs.get(0);
        String where = input.where();
        if (input.name() == null) {
            throw badRequest(where + ".name is missing; this model's input is \"" + ModelMetadata.INPUT + "\"");
        }
        if (!input.name().equals(ModelMetadata.INPUT)) {
            throw badRequest("unknown input \"" + input.name() + "\"; this model's input is \"" + ModelMetadata.INPUT + "\"");
        }
        if (input.datatype() == null) {
            throw badRequest(where + ".datatype is missing; this model takes " + ModelMetadata.FP32);
        }
        if (!input.datatype().equals(ModelMetadata.FP32)) {
            throw badRequest(where + ".datatype is " + input.datatype() + "; this model takes " + ModelMetadata.FP32);
        }
        long[] shape = input.shape();
        String expected = "[N, " + model.channels() + ", " + model.height() + ", " + model.width() + "]";
        if (shape == null) {
            throw badRequest(where + ".shape is missing; this model takes " + expected);
        }
        if (shape.length != 4) {
            throw badRequest(where + ".shape " + Arrays.toString(shape) + " has rank " + shape.length + "; this model takes rank 4: " + expected);
        }
        if (shape[1] != model.channels() || shape[2] != model.height() || shape[3] != model.width()) {
            throw badRequest(where + ".shape " + Arrays.toString(shape) + " does not match this model's input " + expected);
        }
        long batch = shape[0];
        if (batch < 0) {
            throw badRequest(where + ".shape " + Arrays.toString(shape) + " has a negative batch size");
        }
        if (batch == 0) {
            throw badRequest("empty batch: " + where + ".shape[0] is 0; send at least one image");
        }
        if (batch > maxBatch) {
            throw badRequest("batch of " + batch + " images exceeds this server's maximum batch of " + maxBatch + "; split the request");
        }
        int count = (int) batch;
        InferRequest.TensorData data = input.data();
        if (data == null) {
            throw badRequest(where + ".data is missing");
        }
        if (data.ragged()) {
            throw badRequest(where + ".data is ragged: nested arrays must all have the same length and hold numbers at the same depth");
        }
        if (data.leafDepth() > 1) {
            if (data.leafDepth() != shape.length) {
                throw badRequest(where + ".data is nested " + data.leafDepth() + " deep; send it flat or nested like the shape (" + shape.length + " deep)");
            }
            for (int d = 0; d < shape.length; d++) {
                if (data.lengths()[d + 1] != shape[d]) {
                    throw badRequest(where + ".data has " + data.lengths()[d + 1] + " entries in dimension " + d + ", the shape "
                            + Arrays.toString(shape) + " says " + shape[d]);
                }
            }
        }
        long needed = batch * model.valuesPerImage();
        if (data.count() != needed) {
            throw badRequest(where + ".data has " + data.count() + " values; shape " + Arrays.toString(shape) + " needs " + needed);
        }
        if (data.firstNonFinite() >= 0) {
            throw badRequest(where + ".data[" + data.firstNonFinite() + "] is " + data.values()[data.firstNonFinite()]
                    + "; every value must be a finite number");
        }
        float[] pixels = data.values().length == count * model.valuesPerImage() ? data.values() : Arrays.copyOf(data.values(), data.count());
        for (int i = 0; i < pixels.length; i++) {
            float v = pixels[i];
            if (v < 0f || v > 1f) {
                throw badRequest(where + ".data[" + i + "] is " + v + ", outside [0, 1]; send pixels scaled to [0, 1] (8-bit value / 255),"
                        + " the server applies the model's normalisation");
            }
        }
        return new ValidBatch(pixels, count, wantProbabilities, wantLabel);
    }
}
