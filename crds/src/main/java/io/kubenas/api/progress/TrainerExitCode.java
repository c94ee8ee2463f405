package io.kubenas.api.progress;

/**
 * Exit codes of the trainer process: how the operator tells a finished search from a resumable stop,
 * a bad spec, or a crash. Codes follow sysexits.h where one fits.
 */
public enum TrainerExitCode {
    /** The search finished (target reached, epochs done or budget spent) and the child was exported. */
    FINISHED(0),
    /** An unexpected error; the operator may restart from the latest checkpoint. */
    FAILED(1),
    /** Bad command line, spec or data (EX_USAGE-like); restarting cannot help. */
    INVALID_INPUT(64),
    /**
     * The spec asks for GPUs and the engine sees fewer (EX_UNAVAILABLE): the CPU image, a node whose device plugin
     * or container runtime does not hand the GPUs to the container. Exits before training; restarting the same
     * spec cannot help. The termination message is plain text saying what the trainer saw.
     */
    GPU_NOT_VISIBLE(69),
    /** Stopped on SIGTERM after a final checkpoint (EX_TEMPFAIL): resume from it. */
    STOPPED_RESUMABLE(75);

    private final int code;

    TrainerExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code with this number, or {@link #FAILED} for any code the trainer does not document. */
    public static TrainerExitCode of(int code) {
        for (TrainerExitCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return FAILED;
    }
}
