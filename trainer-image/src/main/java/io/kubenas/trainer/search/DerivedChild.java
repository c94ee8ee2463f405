package io.kubenas.trainer.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kubenas.trainer.data.BatchLoader;
import io.kubenas.trainer.data.BatchStream;
import io.kubenas.trainer.data.DataPosition;
import io.kubenas.trainer.data.ImageBatch;
import io.kubenas.trainer.dsnas.SearchStep;
import io.kubenas.trainer.searchspace.BatchNormRecalibration;
import io.kubenas.trainer.searchspace.ChildNetwork;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The child the search would deploy now: the most probable candidate of each layer with the supernet's trained
 * weights, and BatchNorm statistics re-estimated on its own path ({@link BatchNormRecalibration}).
 *
 * <p>The statistics come from the first {@value #RECALIBRATION_BATCHES} training batches of epoch 0, always the
 * same ones: an evaluation must not depend on where the search stopped, and a resumed run must measure what an
 * uninterrupted one measures. The supernet itself is left untouched.
 */
final class DerivedChild {
    /**
     * 100 batches, as PyTorch implementations of single-path search re-estimate: on the 16-epoch prototype recipe
     * (seed 42) the exported child's test accuracy went from 90.08% with 20 batches to 90.20% (docs/benchmarks.md);
     * each evaluation costs about one second more per epoch.
     */
    static final int RECALIBRATION_BATCHES = 100;

    private DerivedChild() {
    }

    /** The derived child of {@code search}, allocated on {@code manager}. */
    static ChildNetwork of(SearchStep search, BatchLoader train, NDManager manager) {
        ChildNetwork child = ChildNetwork.inherit(search.supernet(), search.architecture().derivedPath(), manager);
        try (NDManager scope = manager.newSubManager(); BatchStream batches = train.stream(scope, new DataPosition(0, 0))) {
            BatchNormRecalibration.recalibrate(child.network(), new ParameterStore(manager, false), new FirstImages(batches));
        }
        return child;
    }

    /** The images of the first batches of a stream, each batch closed once the next one is asked for. */
    private static final class FirstImages implements Iterator<NDArray> {
        private final BatchStream batches;
        private ImageBatch current;
        private int taken;

        FirstImages(BatchStream batches) {
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            boolean more = taken < RECALIBRATION_BATCHES && batches.hasNext();
            if (!more) {
                release();
            }
            return more;
        }

        @Override
        public NDArray next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            release();
            current = batches.next();
            taken++;
            return current.images();
        }

        private void release() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
