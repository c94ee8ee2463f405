package io.kubenas.trainer.serve.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kubenas.trainer.serve.model.ModelMetadata;
import io.kubenas.trainer.serve.model.Prediction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the Open Inference Protocol (v2) REST API, as records Jackson writes. */
final class V2Responses {
    private V2Responses() {
    }

    record Error(String error) {
    }

    record Live(boolean live) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ready(boolean ready, String error) {
    }

    record ServerMetadata(String name, String version, List<String> extensions) {
    }

    record ModelList(List<String> models) {
    }

    record TensorMetadata(String name, String datatype, long[] shape) {
    }

    record ModelMetadataBody(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
            List<TensorMetadata> outputs, Map<String, Object> parameters) {

        /**
         * The protocol's fields, plus {@code parameters} with what a client needs to use the model right:
         * class names, the expected value range and the normalisation the server applies, and its identity.
         */
        static ModelMetadataBody of(ModelMetadata m) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("class_names", m.classNames());
            parameters.put("input_range", List.of(0, 1));
            parameters.put("input_layout", "NCHW");
            parameters.put("normalization", Map.of("mean", m.normalization().mean(), "std", m.normalization().std()));
            parameters.put("ops", m.ops());
            parameters.put("sha256", m.digest());
            if (m.accuracy() != null) {
                parameters.put("accuracy", m.accuracy());
            }
            return new ModelMetadataBody(m.name(), List.of(m.version()), ModelMetadata.PLATFORM,
                    List.of(new TensorMetadata(ModelMetadata.INPUT, ModelMetadata.FP32, m.inputShape())),
                    List.of(new TensorMetadata(ModelMetadata.PROBABILITIES, ModelMetadata.FP32, new long[] {-1, m.classes()}),
                            new TensorMetadata(ModelMetadata.LABEL, ModelMetadata.INT64, new long[] {-1})),
                    parameters);
        }
    }

    record OutputTensor(String name, String datatype, long[] shape, Object data) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InferResponse(@JsonProperty("model_name") String modelName, @JsonProperty("model_version") String modelVersion,
            String id, List<OutputTensor> outputs) {

        static InferResponse of(ModelMetadata m, String id, Prediction p, boolean probabilities, boolean label) {
            List<OutputTensor> outputs = new ArrayList<>(2);
            if (probabilities) {
                outputs.add(new OutputTensor(ModelMetadata.PROBABILITIES, ModelMetadata.FP32, new long[] {p.batch(), p.classes()},
                        p.probabilities()));
            }
            if (label) {
                outputs.add(new OutputTensor(ModelMetadata.LABEL, ModelMetadata.INT64, new long[] {p.batch()}, p.labels()));
            }
            return new InferResponse(m.name(), m.version(), id, outputs);
        }
    }
}
