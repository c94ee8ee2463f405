package io.kubenas.operator.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Spec edits that are not (yet) in effect, so that status can say so instead of ignoring them: fields of the trainer
 * pod changed while an attempt runs (a Job's pod cannot change: they apply from the next attempt), and a checkpoint
 * volume asked to shrink (a volume can only grow).
 *
 * @param nextAttempt the spec fields (as {@code spec.x}) the running trainer does not have yet, in spec order
 * @param volumeCannotShrink why the asked volume size is not applied, or null
 */
public record SpecDrift(List<String> nextAttempt, String volumeCannotShrink) {
    public static final SpecDrift NONE = new SpecDrift(List.of(), null);

    /** The spec fields that shape a trainer pod, as written in a trainer Job's fingerprint annotation. */
    private static final Map<String, Function<NasSearchSpec, Object>> TRAINER_POD_FIELDS = new LinkedHashMap<>();
    static {
        TRAINER_POD_FIELDS.put("trainerImage", NasSearchSpec::getTrainerImage);
        TRAINER_POD_FIELDS.put("resources", NasSearchSpec::getResources);
        TRAINER_POD_FIELDS.put("env", NasSearchSpec::getEnv);
        TRAINER_POD_FIELDS.put("imagePullSecrets", NasSearchSpec::getImagePullSecrets);
        TRAINER_POD_FIELDS.put("podMetadata", NasSearchSpec::getPodMetadata);
    }
    private static final ObjectMapper JSON = JsonMapper.builder().configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();

    public boolean none() {
        return nextAttempt.isEmpty() && volumeCannotShrink == null;
    }

    /** What a trainer Job records of the spec it was made from: a short hash per trainer-pod field. */
    public static String fingerprint(NasSearchSpec spec) {
        List<String> parts = new ArrayList<>();
        TRAINER_POD_FIELDS.forEach((field, value) -> parts.add(field + "=" + hash(value.apply(spec))));
        return String.join(",", parts);
    }

    /**
     * @param runningFingerprint the running attempt's Job's fingerprint, null when no attempt runs (or its Job predates
     *        fingerprints: nothing is reported then)
     * @param claimedSize the checkpoint claim's requested size, null when there is no claim yet
     */
    public static SpecDrift of(NasSearchSpec spec, String runningFingerprint, Quantity claimedSize) {
        List<String> changed = new ArrayList<>();
        if (runningFingerprint != null) {
            Map<String, String> recorded = new LinkedHashMap<>();
            for (String part : runningFingerprint.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    recorded.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            TRAINER_POD_FIELDS.forEach((field, value) -> {
                if (recorded.containsKey(field) && !recorded.get(field).equals(hash(value.apply(spec)))) {
                    changed.add("spec." + field);
                }
            });
        }
        String asked = spec.getCheckpoint().getStorage().getSize();
        String shrink = null;
        if (claimedSize != null && asked != null
                && Quantity.getAmountInBytes(new Quantity(asked)).compareTo(Quantity.getAmountInBytes(claimedSize)) < 0) {
            shrink = "spec.checkpoint.storage.size " + asked + " is smaller than the checkpoint volume's " + claimedSize
                    + ": a volume cannot shrink, so it stays at " + claimedSize + "; set the size back to at least that";
        }
        return new SpecDrift(List.copyOf(changed), shrink);
    }

    private static String hash(Object value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint " + value, e);
        }
    }
}
