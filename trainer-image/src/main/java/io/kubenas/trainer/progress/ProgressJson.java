package io.kubenas.trainer.progress;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubenas.api.progress.TrainerProgress;
import io.kubenas.api.v1alpha1.CheckpointsStatus;
import io.kubenas.api.v1alpha1.ChildStatus;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of {@link TrainerProgress}, the same in progress.json, the ConfigMap and the
 * termination log: nulls left out, unknown fields ignored on reading (an older operator can read a
 * newer trainer's report).
 */
public final class ProgressJson {
    /** Kubernetes keeps at most this much of a container's termination message. */
    public static final int TERMINATION_MESSAGE_LIMIT = 4096;

    private static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProgressJson() {
    }

    public static String write(TrainerProgress progress) {
        try {
            return MAPPER.writeValueAsString(progress);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("TrainerProgress is plain data and always serialises", e);
        }
    }

    public static TrainerProgress read(String json) {
        try {
            return MAPPER.readValue(json, TrainerProgress.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a TrainerProgress: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The summary, shrunk until it fits the termination message limit: first without the architecture
     * probabilities, TE-NAS scores and checkpoint history (the latest checkpoint stays), then without
     * the child's op list, then with the message cut. Outcome, progress, budget and the child's
     * accuracy always fit.
     */
    public static String terminationMessage(TrainerProgress summary, int maxBytes) {
        String json = write(summary);
        if (fits(json, maxBytes)) {
            return json;
        }
        TrainerProgress compact = read(json); // a deep copy to trim
        compact.setArchitecture(null);
        compact.setTenas(null);
        if (compact.getCheckpoints() != null) {
            compact.setCheckpoints(CheckpointsStatus.builder().latest(compact.getCheckpoints().getLatest()).build());
        }
        json = write(compact);
        if (fits(json, maxBytes)) {
            return json;
        }
        ChildStatus child = compact.getChild();
        if (child != null) {
            child.setOps(null);
        }
        json = write(compact);
        String message = compact.getMessage();
        while (!fits(json, maxBytes) && message != null && !message.isEmpty()) {
            message = message.substring(0, message.length() / 2);
            compact.setMessage(message.isEmpty() ? null : message + "…");
            json = write(compact);
        }
        return json;
    }

    private static boolean fits(String json, int maxBytes) {
        return json.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }
}
