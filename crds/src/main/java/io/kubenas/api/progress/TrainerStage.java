package io.kubenas.api.progress;

/** What the trainer is doing right now; shown as status.progress.stage. */
public enum TrainerStage {
    STARTING("Starting"),
    PRUNING("Pruning"),
    SEARCHING("Searching"),
    CHILD_TRAINING("ChildTraining"),
    EVALUATING("Evaluating"),
    EXPORTED("Exported");

    private final String display;

    TrainerStage(String display) {
        this.display = display;
    }

    /** The name shown in status and on the terminal. */
    public String display() {
        return display;
    }
}
