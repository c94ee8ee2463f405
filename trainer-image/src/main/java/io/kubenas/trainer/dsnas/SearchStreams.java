package io.kubenas.trainer.dsnas;

/**
 * The purposes the search mixes into its seeds ({@link io.kubenas.trainer.random.SplitMix64#mix}), so that the
 * streams of different uses never coincide.
 */
final class SearchStreams {
    static final long ARCHITECTURE_INIT = 1;
    static final long PATH_SAMPLING = 2;
    static final long ENGINE = 3;

    private SearchStreams() {
    }
}
