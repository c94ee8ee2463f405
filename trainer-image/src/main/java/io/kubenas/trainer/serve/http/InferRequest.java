package io.kubenas.trainer.serve.http;

import java.util.List;

/**
 * A parsed {@code POST /v2/models/{name}/infer} body, before it is checked against the model.
 *
 * @param id echoed in the response when given
 * @param inputs the input tensors, in request order
 * @param requestedOutputs the output names asked for, or null for all of them
 */
record InferRequest(String id, List<InputTensor> inputs, List<String> requestedOutputs) {

    /**
     * One input tensor as sent.
     *
     * @param index its position in {@code inputs}, for messages
     * @param name null when missing
     * @param datatype null when missing
     * @param shape null when missing
     * @param data the values in document order, flattened; null when missing
     */
    record InputTensor(int index, String name, String datatype, long[] shape, TensorData data) {
        String where() {
            return "inputs[" + index + "]";
        }
    }

    /**
     * The numbers of a {@code data} array, flattened in document order, with what was seen of its nesting.
     *
     * @param values the numbers; only the first {@code count} are used
     * @param count how many numbers there were
     * @param leafDepth the array depth the numbers sat at (1 = flat), 0 when there were none
     * @param lengths {@code lengths[d]} = the length of every array at depth d (1 = the outer one)
     * @param ragged arrays at one depth had different lengths, or numbers sat at different depths
     * @param firstNonFinite index of the first NaN or infinite value, or -1
     */
    record TensorData(float[] values, int count, int leafDepth, int[] lengths, boolean ragged, int firstNonFinite) {
    }
}
