package io.kubenas.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.kubenas.api.progress.LogFormat;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.PodMetadataSpec;
import io.kubenas.operator.config.OperatorSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a search and the operator's settings add to both kinds of pods it runs (trainer and serving): image pull
 * secrets (the operator's, then the search's), the log format, extra environment, and pod labels and annotations. The
 * operator's own labels, annotations and contract variables always win (the schema also rejects their names in a
 * search).
 */
final class PodExtras {
    private PodExtras() {
    }

    static void apply(NasSearchSpec spec, OperatorSettings settings, ObjectMeta podMeta, PodSpec pod, Container container) {
        Map<String, LocalObjectReference> secrets = new LinkedHashMap<>();
        settings.imagePullSecrets().orElse(List.of()).forEach(name -> secrets.put(name, new LocalObjectReference(name)));
        if (spec.getImagePullSecrets() != null) {
            spec.getImagePullSecrets().forEach(secret -> secrets.putIfAbsent(secret.getName(), new LocalObjectReference(secret.getName())));
        }
        pod.setImagePullSecrets(secrets.isEmpty() ? null : new ArrayList<>(secrets.values()));

        // Only JSON is passed on: text is what the image does unset, so the default adds nothing to pod templates and an
        // operator upgrade does not roll every serving Deployment.
        if (settings.logFormat() != LogFormat.TEXT) {
            List<EnvVar> own = container.getEnv() == null ? new ArrayList<>() : new ArrayList<>(container.getEnv());
            own.add(new EnvVar(PodContract.ENV_LOG_FORMAT, settings.logFormat().value(), null));
            container.setEnv(own);
        }

        if (spec.getEnv() != null && !spec.getEnv().isEmpty()) {
            List<EnvVar> own = container.getEnv() == null ? List.of() : container.getEnv();
            // The operator's variables win: a search's variable of the same name is left out.
            List<EnvVar> env = new ArrayList<>(spec.getEnv());
            env.removeIf(e -> own.stream().anyMatch(o -> o.getName().equals(e.getName())));
            env.addAll(own);
            container.setEnv(env);
        }

        PodMetadataSpec extra = spec.getPodMetadata();
        if (extra != null) {
            podMeta.setLabels(merged(extra.getLabels(), podMeta.getLabels()));
            podMeta.setAnnotations(merged(extra.getAnnotations(), podMeta.getAnnotations()));
        }
    }

    private static Map<String, String> merged(Map<String, String> theirs, Map<String, String> ours) {
        Map<String, String> all = new LinkedHashMap<>();
        if (theirs != null) {
            all.putAll(theirs);
        }
        if (ours != null) {
            all.putAll(ours);
        }
        return all.isEmpty() ? null : all;
    }
}
