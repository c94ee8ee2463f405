package io.kubenas.trainer.serve.http;

import static io.kubenas.trainer.serve.http.InferenceRequestException.badRequest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an Open Inference Protocol request body with a streaming parser, straight into a float array:
 * a batch of images is tens of thousands of numbers, and a tree of boxed nodes would cost more than the
 * network. Every way the body can be wrong becomes a 400 that names the field ({@code inputs[0].shape})
 * or the JSON position.
 *
 * <p>Unknown fields (and every {@code parameters} object) are ignored, as the protocol allows. {@code NaN}
 * and {@code Infinity} are read (Python's json module writes them) so that they can be refused by name.
 */
final class InferRequestParser {
    /** Deeper than any tensor rank this server takes; stops pathological nesting early. */
    static final int MAX_DEPTH = 8;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private InferRequestParser() {
    }

    static InferRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw badRequest("the request body is empty; send a JSON inference request: {\"inputs\": [{\"name\": \"input\", ...}]}");
        }
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw badRequest("the request body must be a JSON object with \"inputs\"");
            }
            String id = null;
            List<InferRequest.InputTensor> inputs = null;
            List<String> outputs = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = readId(value, p);
                    case "inputs" -> inputs = readInputs(value, p);
                    case "outputs" -> outputs = readOutputs(value, p);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw badRequest("malformed JSON: unexpected content after the request object" + at(p));
            }
            if (inputs == null) {
                throw badRequest("the request has no \"inputs\"");
            }
            return new InferRequest(id, inputs, outputs);
        } catch (InputCoercionException e) {
            throw badRequest("a number is out of range: " + e.getOriginalMessage() + at(e));
        } catch (JsonProcessingException e) {
            throw badRequest("malformed JSON: " + e.getOriginalMessage() + at(e));
        } catch (IOException e) {
            throw badRequest("unreadable request body: " + e.getMessage());
        }
    }

    private static String readId(JsonToken value, JsonParser p) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw badRequest("\"id\" must be a string, got " + describe(value));
        }
        return p.getText();
    }

    private static List<String> readOutputs(JsonToken value, JsonParser p) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw badRequest("\"outputs\" must be an array of {\"name\": ...}, got " + describe(value));
        }
        List<String> names = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String where = "outputs[" + names.size() + "]";
            if (t != JsonToken.START_OBJECT) {
                throw badRequest(where + " must be an object with a \"name\", got " + describe(t));
            }
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("name")) {
                    if (v != JsonToken.VALUE_STRING) {
                        throw badRequest(where + ".name must be a string, got " + describe(v));
                    }
                    name = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw badRequest(where + ".name is missing");
            }
            names.add(name);
        }
        return names;
    }

    private static List<InferRequest.InputTensor> readInputs(JsonToken value, JsonParser p) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw badRequest("\"inputs\" must be an array of tensors, got " + describe(value));
        }
        List<InferRequest.InputTensor> inputs = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            inputs.add(readInput(inputs.size(), t, p));
        }
        return inputs;
    }

    private static InferRequest.InputTensor readInput(int index, JsonToken start, JsonParser p) throws IOException {
        String where = "inputs[" + index + "]";
        if (start != JsonToken.START_OBJECT) {
            throw badRequest(where + " must be an object with name, shape, datatype and data, got " + describe(start));
        }
        String name = null;
        String datatype = null;
        long[] shape = null;
        InferRequest.TensorData data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "name" -> name = readString(where + ".name", v, p);
                case "datatype" -> datatype = readString(where + ".datatype", v, p);
                case "shape" -> shape = readShape(where, v, p);
                case "data" -> data = readData(where, v, p);
                default -> p.skipChildren();
            }
        }
        return new InferRequest.InputTensor(index, name, datatype, shape, data);
    }

    private static String readString(String where, JsonToken v, JsonParser p) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw badRequest(where + " must be a string, got " + describe(v));
        }
        return p.getText();
    }

    private static long[] readShape(String where, JsonToken v, JsonParser p) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw badRequest(where + ".shape must be an array of integers, got " + describe(v));
        }
        long[] shape = new long[MAX_DEPTH];
        int rank = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw badRequest(where + ".shape must be an array of integers; shape[" + rank + "] is " + describe(t));
            }
            if (rank == MAX_DEPTH) {
                throw badRequest(where + ".shape has more than " + MAX_DEPTH + " dimensions");
            }
            shape[rank++] = p.getLongValue();
        }
        return Arrays.copyOf(shape, rank);
    }

    private static InferRequest.TensorData readData(String where, JsonToken v, JsonParser p) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw badRequest(where + ".data must be an array of numbers (flat, or nested like the shape), got " + describe(v));
        }
        float[] values = new float[1024];
        int count = 0;
        int[] lengths = new int[MAX_DEPTH + 1];
        Arrays.fill(lengths, -1);
        int[] counts = new int[MAX_DEPTH + 1];
        int depth = 1;
        int leafDepth = 0;
        boolean ragged = false;
        int firstNonFinite = -1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw badRequest("malformed JSON: the body ends inside " + where + ".data");
            }
            switch (t) {
                case START_ARRAY -> {
                    if (depth == MAX_DEPTH) {
                        throw badRequest(where + ".data is nested deeper than " + MAX_DEPTH + " levels");
                    }
                    counts[depth]++;
                    depth++;
                    counts[depth] = 0;
                }
                case END_ARRAY -> {
                    if (lengths[depth] == -1) {
                        lengths[depth] = counts[depth];
                    } else if (lengths[depth] != counts[depth]) {
                        ragged = true;
                    }
                    depth--;
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    counts[depth]++;
                    if (leafDepth == 0) {
                        leafDepth = depth;
                    } else if (leafDepth != depth) {
                        ragged = true;
                    }
                    float value = p.getFloatValue();
                    if (firstNonFinite < 0 && !Float.isFinite(value)) {
                        firstNonFinite = count;
                    }
                    if (count == values.length) {
                        values = Arrays.copyOf(values, values.length * 2);
                    }
                    values[count++] = value;
                }
                default -> throw badRequest(where + ".data must hold only numbers; value " + count + " is " + describe(t));
            }
        }
        return new InferRequest.TensorData(values, count, leafDepth, Arrays.copyOfRange(lengths, 0, MAX_DEPTH + 1), ragged, firstNonFinite);
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String at(JsonParser p) {
        return " (line " + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr() + ")";
    }
}
