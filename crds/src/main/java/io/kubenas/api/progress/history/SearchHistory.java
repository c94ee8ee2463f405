package io.kubenas.api.progress.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.kubenas.api.v1alpha1.Strategy;
import io.kubenas.api.v1alpha1.TenasStatus;
import java.util.ArrayList;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/**
 * The whole history of one search, in the order things happened. It follows the checkpoint lineage: an attempt that
 * resumes from a checkpoint continues the history saved in it, so work lost in a crash (after the last checkpoint) is
 * redone and recorded once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@Data
@NoArgsConstructor
@AllArgsConstructor
@Builder
public class SearchHistory {
    /** The format this code writes; a reader refuses a newer one. */
    public static final int FORMAT_VERSION = 1;

    @JsonPropertyDescription("Version of this format; readers refuse a newer one.")
    private Integer formatVersion;

    @JsonPropertyDescription("Name of the NasSearch.")
    private String search;

    @JsonPropertyDescription("DSNAS, TENAS, TENAS_DSNAS or FIXED.")
    private Strategy strategy;

    @JsonPropertyDescription("The dataset searched on, e.g. fashion-mnist.")
    private String dataset;

    @JsonPropertyDescription("Epochs planned in total (search plus child phase).")
    private Integer totalEpochs;

    @JsonPropertyDescription("The target validation accuracy in effect at the newest attempt start or epoch end (spec edits included); absent"
            + " when there is none.")
    private Double targetAccuracy;

    @JsonPropertyDescription("The budget in device-seconds in effect at the newest attempt start or epoch end (spec edits included).")
    private Double deviceSecondsLimit;

    @JsonPropertyDescription("The choice layers and the candidates the architecture distribution chooses among (after TE-NAS pruning).")
    @Builder.Default
    private List<HistoryLayer> layers = new ArrayList<>();

    @JsonPropertyDescription("TE-NAS pruning before training: every round's candidate scores and the survivors; absent for DSNAS.")
    private TenasStatus pruning;

    @JsonPropertyDescription("One record per finished epoch, in order.")
    @Builder.Default
    private List<EpochRecord> epochs = new ArrayList<>();

    @JsonPropertyDescription("Every attempt (trainer process) that worked on this lineage, and where it started from.")
    @Builder.Default
    private List<AttemptStart> attempts = new ArrayList<>();

    @JsonPropertyDescription("Stage changes (Pruning, Searching, ChildTraining, Evaluating, Exported), in order.")
    @Builder.Default
    private List<StageChange> stages = new ArrayList<>();

    @JsonPropertyDescription("Layers fixed by DSNAS's early fixing, in order.")
    @Builder.Default
    private List<EarlyFix> earlyFixes = new ArrayList<>();

    @JsonPropertyDescription("Checkpoints written, in order (also those since deleted by retention).")
    @Builder.Default
    private List<CheckpointEvent> checkpoints = new ArrayList<>();

    @JsonPropertyDescription("Sums of the epoch in progress, so that an attempt resumed mid-epoch completes its record.")
    private OpenEpoch openEpoch;

    @JsonPropertyDescription("The exported child on the test split (or on validation data when the dataset has no test split).")
    private TestEvaluation test;
}
