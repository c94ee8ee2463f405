package io.kubenas.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the architecture is found. */
public enum Strategy {
    /**
     * One-stage differentiable search: architecture and weights trained together; the child is
     * deployed without re-initialisation.
     */
    @JsonProperty("DSNAS")
    DSNAS,
    /**
     * Training-free search: TE-NAS prunes to one candidate per layer, then that fixed child is
     * trained for training.epochs.
     */
    @JsonProperty("TENAS")
    TENAS,
    /**
     * TE-NAS prunes each layer to tenas.survivorsPerLayer candidates, then DSNAS searches only
     * those.
     */
    @JsonProperty("TENAS_DSNAS")
    TENAS_DSNAS,
    /**
     * No search: the search space spells out one architecture (a single candidate on every layer), trained from
     * scratch with the same recipe, exported and served like a searched child. The baseline a search is measured
     * against (bench/search-vs-random.py), and a way to retrain a searched architecture (two-stage NAS).
     */
    @JsonProperty("FIXED")
    FIXED;
}
