package io.kubenas.api.progress;

/**
 * Names shared by the operator and the trainer (docs/architecture.md, "The operator ↔ trainer contract").
 * Keep them here only.
 */
public final class ProgressContract {
    /** Key of the spec JSON in the spec ConfigMap, and the file name the trainer reads. */
    public static final String SPEC_KEY = "search.json";
    /** Key of the progress JSON in the progress ConfigMap, and the file name in the work dir. */
    public static final String PROGRESS_KEY = "progress.json";
    /** Where Kubernetes reads a container's termination message from. */
    public static final String TERMINATION_LOG = "/dev/termination-log";
    /** Folder of the exported child network inside the work dir. */
    public static final String CHILD_DIR = "child";
    /** Folder of the checkpoints inside the work dir. */
    public static final String CHECKPOINTS_DIR = "checkpoints";
    /** Environment variables the operator sets on the trainer pod. */
    public static final String ENV_NAMESPACE = "KUBENAS_NAMESPACE";
    public static final String ENV_PROGRESS_CONFIGMAP = "KUBENAS_PROGRESS_CONFIGMAP";
    public static final String ENV_ATTEMPT = "KUBENAS_ATTEMPT";
    /** Device-seconds already used by earlier attempts (the operator's count, from pod times). */
    public static final String ENV_DEVICE_SECONDS_USED = "KUBENAS_DEVICE_SECONDS_USED";

    private ProgressContract() {
    }

    /** Name of the per-search progress ConfigMap. */
    public static String progressConfigMapName(String searchName) {
        return searchName + "-progress";
    }
}
