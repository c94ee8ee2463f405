package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.NasSearch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names and labels of the objects a NasSearch owns: one place, so every dependent and test agrees. */
public final class SearchObjects {
    public static final String MANAGED_BY = "kubenas-operator";
    public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
    public static final String LABEL_PART_OF = "app.kubernetes.io/part-of";
    /** The NasSearch an object (or a trainer pod) belongs to; pods are mapped to their search by it. */
    public static final String LABEL_SEARCH = "kubenas.io/search";
    /** The attempt number of a trainer Job and its pod. */
    public static final String LABEL_ATTEMPT = "kubenas.io/attempt";
    /** Kueue's queue label, copied from spec.resources.queueName onto the trainer Job. */
    private static final String TRAINER_JOB_INFIX = "-trainer-";
    private static final Pattern TRAINER_JOB = Pattern.compile("(.+)" + TRAINER_JOB_INFIX + "\\d+");
    public static final String LABEL_KUEUE_QUEUE = "kueue.x-k8s.io/queue-name";

    /** Informer selectors: the operator caches only what it manages. */
    public static final String SELECT_MANAGED = LABEL_MANAGED_BY + "=" + MANAGED_BY;
    public static final String SELECT_SPEC = SELECT_MANAGED + "," + LABEL_COMPONENT + "=spec";
    public static final String SELECT_PROGRESS = SELECT_MANAGED + "," + LABEL_COMPONENT + "=progress";
    public static final String SELECT_TRAINER = SELECT_MANAGED + "," + LABEL_COMPONENT + "=trainer";

    private SearchObjects() {
    }

    public static String specConfigMap(String search) {
        return search + "-spec";
    }

    public static String progressConfigMap(String search) {
        return PodContract.progressConfigMapName(search);
    }

    public static String checkpointClaim(String search) {
        return search + "-checkpoints";
    }

    /** The trainer's ServiceAccount, Role and RoleBinding. */
    public static String trainerAccount(String search) {
        return search + "-trainer";
    }

    public static String trainerJob(String search, int attempt) {
        return search + TRAINER_JOB_INFIX + attempt;
    }

    /** The search whose trainer Job is {@code job} (by {@link #trainerJob}'s naming), if it is one. */
    public static Optional<String> searchOfTrainerJob(String job) {
        Matcher m = TRAINER_JOB.matcher(job);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The serving Deployment and Service. */
    public static String serving(String search) {
        return search + "-serving";
    }

    /** Labels of an owned object of the given component (spec, progress, checkpoints, trainer, serving). */
    public static Map<String, String> labels(NasSearch search, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_MANAGED_BY, MANAGED_BY);
        labels.put(LABEL_PART_OF, "kubenas");
        labels.put(LABEL_INSTANCE, search.getMetadata().getName());
        labels.put(LABEL_COMPONENT, component);
        labels.put(LABEL_SEARCH, search.getMetadata().getName());
        return labels;
    }

    /** Metadata of an owned object: name, the search's namespace, labels. */
    public static ObjectMeta metadata(NasSearch search, String name, String component) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(search.getMetadata().getNamespace());
        meta.setLabels(labels(search, component));
        return meta;
    }

    /** The controller owner reference to {@code search} (Kubernetes garbage-collects the object with it). */
    public static OwnerReference ownerReference(NasSearch search) {
        return new OwnerReferenceBuilder()
                .withApiVersion(search.getApiVersion())
                .withKind(search.getKind())
                .withName(search.getMetadata().getName())
                .withUid(search.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(false)
                .build();
    }
}
