package io.kubenas.api.progress;

/**
 * The contract between the operator's pods and the trainer image: where things are mounted, what files are
 * called, which environment variables are set. The operator's pod templates and the trainer's command line
 * both take these values from here, and only from here; the exit codes are {@link TrainerExitCode}
 * (docs/architecture.md, "The operator ↔ trainer contract").
 */
public final class PodContract {
    /** Name of the trainer's container in the Job's pod (its status carries the exit code). */
    public static final String TRAINER_CONTAINER = "trainer";
    /** Name of the serving container. */
    public static final String SERVING_CONTAINER = "serve";

    /** Where the spec ConfigMap is mounted in the trainer pod. */
    public static final String SPEC_DIR = "/etc/kubenas/spec";
    /** Key of the spec JSON in the spec ConfigMap, and the file name the trainer reads. */
    public static final String SPEC_KEY = "search.json";
    /** The spec file as the trainer sees it. */
    public static final String SPEC_FILE = SPEC_DIR + "/" + SPEC_KEY;
    /** Where the checkpoint volume (the search's work dir) is mounted, in trainer and serving pods. */
    public static final String WORK_DIR = "/var/lib/kubenas";
    /** Where a dataset PersistentVolumeClaim (imageFolder, cifar10) is mounted read-only: the trainer's default volume root. */
    public static final String DATASET_MOUNT = "/data";
    /** Where Kubernetes reads a container's termination message from. */
    public static final String TERMINATION_LOG = "/dev/termination-log";
    /** Key of the progress JSON in the progress ConfigMap, and the file name in the work dir. */
    public static final String PROGRESS_KEY = "progress.json";
    /** Folder of the exported child network inside the work dir. */
    public static final String CHILD_DIR = "child";
    /**
     * Where serving pods find the child: the keys of its ConfigMaps ({@link #ENV_CHILD_CONFIGMAPS}), projected into one
     * folder. Serving pods never mount the checkpoint volume: a ReadWriteOnce volume attaches to one node at a time,
     * so replicas on several nodes (or a later trainer attempt elsewhere) would wait for it forever.
     */
    public static final String CHILD_CONFIGMAPS_DIR = "/etc/kubenas/child";
    /**
     * The search history ({@link io.kubenas.api.progress.history.SearchHistory}) as a file: in the work dir, in each
     * checkpoint and in the exported child (so serving pods, which see only the child, can show the report).
     */
    public static final String HISTORY_FILE = "history.json";
    /** The search report (one self-contained HTML page) the trainer writes into the work dir when a search ends. */
    public static final String REPORT_FILE = "report.html";
    /** Where the serving pods answer with the search report of the child they serve. */
    public static final String REPORT_PATH = "/report";
    /** Folder of the checkpoints inside the work dir. */
    public static final String CHECKPOINTS_DIR = "checkpoints";

    /** Environment variables the operator sets on the trainer pod. */
    public static final String ENV_NAMESPACE = "KUBENAS_NAMESPACE";
    public static final String ENV_PROGRESS_CONFIGMAP = "KUBENAS_PROGRESS_CONFIGMAP";
    public static final String ENV_ATTEMPT = "KUBENAS_ATTEMPT";
    /**
     * The prefix of the immutable ConfigMaps the trainer publishes an exported child in ({@code <prefix>-<sha8>-<part>}),
     * owned by the NasSearch whose uid is {@link #ENV_SEARCH_UID}; their names go to {@code status.child.configMaps}.
     */
    public static final String ENV_CHILD_CONFIGMAPS = "KUBENAS_CHILD_CONFIGMAPS";
    public static final String ENV_SEARCH_UID = "KUBENAS_SEARCH_UID";
    /**
     * Device-seconds and wall seconds used by earlier attempts: the operator's count, from pod times. With the
     * spec's budget they give the attempt its allowance ({@link io.kubenas.api.budget.ComputeBudget}).
     */
    public static final String ENV_DEVICE_SECONDS_USED = "KUBENAS_DEVICE_SECONDS_USED";
    public static final String ENV_WALL_SECONDS_USED = "KUBENAS_WALL_SECONDS_USED";
    /**
     * DJL's own override of where libtorch is loaded from. The CUDA image sets it to its CUDA natives, which need
     * the GPU driver's libcuda.so.1 that only a container given GPUs gets; so the operator sets it empty on pods
     * given no GPU (serving, CPU searches), and DJL then loads the CPU natives bundled with the application
     * (trainer-image/Dockerfile.cuda).
     */
    public static final String ENV_PYTORCH_LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
    /**
     * How trainer and serving processes write their log ({@link LogFormat}: {@code text} or {@code json}). The operator
     * sets it on both kinds of pods only for {@code json}: unset means text, so a local run, which nothing sets it for,
     * prints plain lines.
     */
    public static final String ENV_LOG_FORMAT = "KUBENAS_LOG_FORMAT";

    private PodContract() {
    }

    /** Prefix of the names of a search's child ConfigMaps. */
    public static String childConfigMapPrefix(String searchName) {
        return searchName + "-child";
    }

    /** Name of the per-search progress ConfigMap. */
    public static String progressConfigMapName(String searchName) {
        return searchName + "-progress";
    }
}
