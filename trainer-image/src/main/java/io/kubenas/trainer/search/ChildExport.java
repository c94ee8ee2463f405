package io.kubenas.trainer.search;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kubenas.api.progress.PodContract;
import io.kubenas.api.progress.history.TestEvaluation;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.ChildStatus;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.ChildDirectory;
import io.kubenas.trainer.child.ChildManifest;
import io.kubenas.trainer.data.DatasetSplits;
import io.kubenas.trainer.dsnas.SearchStep;
import io.kubenas.trainer.manifested.DurableFiles;
import io.kubenas.trainer.searchspace.ChildNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Exports the child network as it is — the supernet's weights of the chosen candidates, or the child phase's
 * weights, never re-initialised — together with its test accuracy, in the format {@code serve} reads.
 */
final class ChildExport {
    private final SearchPlan plan;
    private final ResolvedSearchSpace space;
    private final DatasetSplits splits;
    private final ChildNetwork child;
    private final NDManager manager;
    private double testAccuracy;
    private String digest;

    private ChildExport(SearchPlan plan, ResolvedSearchSpace space, DatasetSplits splits, ChildNetwork child, NDManager manager) {
        this.plan = plan;
        this.space = space;
        this.splits = splits;
        this.child = child;
        this.manager = manager;
    }

    /**
     * The child of the child phase when there is one, else the supernet's derived child with its weights
     * (BatchNorm statistics re-estimated on its path, see {@link DerivedChild}).
     */
    static ChildExport of(SearchPlan plan, SearchSetup setup, SearchStep search, ChildNetwork trained, NDManager manager) {
        ChildNetwork child = trained != null ? trained : DerivedChild.of(search, setup.train(), manager);
        return new ChildExport(plan, setup.space(), setup.splits(), child, manager);
    }

    /**
     * Classifies the test split (the validation split when the dataset has none): the test accuracy the status reports
     * and the confusion matrix the report draws, from one pass.
     */
    TestEvaluation evaluate(Instant now) {
        ConfusionMatrix confusion = ChildAccuracy.confusion(child.network(), new ParameterStore(manager, false), splits.testBatches(256), manager,
                space.input().classes());
        testAccuracy = confusion.accuracy();
        return TestEvaluation.builder()
                .split(accuracySplit())
                .images(confusion.total())
                .accuracy(ProgressTracker.round(testAccuracy, 4))
                .classNames(splits.classNames())
                .confusion(confusion.rows())
                .time(now.truncatedTo(ChronoUnit.MILLIS).toString())
                .build();
    }

    /**
     * Writes {@code child/} into the work dir, replacing an older export: the network, its architecture, and the search
     * history as it is now (serving pods see only the child, and show the search report from it). Call {@link #evaluate}
     * first.
     */
    Path writeTo(Path workDir, byte[] history) throws IOException {
        List<String> ops = child.ops().stream().map(c -> c.wireName()).toList();
        ChildArchitecture architecture = new ChildArchitecture(ChildManifest.FORMAT_VERSION, plan.name(), datasetName(plan), space, ops,
                splits.classNames(), splits.normalization(), testAccuracy, accuracySplit());
        Path dir = workDir.resolve(PodContract.CHILD_DIR);
        Path old = null;
        if (Files.exists(dir)) {
            old = workDir.resolve(".old-" + PodContract.CHILD_DIR + "-" + UUID.randomUUID());
            Files.move(dir, old);
        }
        digest = ChildDirectory.write(dir, architecture, child.network(), history);
        if (old != null) {
            DurableFiles.deleteRecursively(old);
        }
        return dir;
    }

    /** The dataset's name as the child and the history record it, e.g. {@code fashion-mnist}. */
    static String datasetName(SearchPlan plan) {
        return plan.dataset().getBuiltin() != null ? plan.dataset().getBuiltin().name().toLowerCase().replace('_', '-')
                : plan.dataset().getCifar10() != null ? "cifar10" : "image-folder";
    }

    private String accuracySplit() {
        return splits.testIsValidation() ? "validation" : "test";
    }

    ChildStatus status(Double validationAccuracy) {
        return ChildStatus.builder()
                .path(PodContract.CHILD_DIR)
                .sha256(digest)
                .ops(child.ops().stream().map(c -> c.wireName()).toList())
                .parameters(child.parameterCount())
                .validationAccuracy(validationAccuracy == null ? null : ProgressTracker.round(validationAccuracy, 4))
                .testAccuracy(ProgressTracker.round(testAccuracy, 4))
                .exportedAt(Instant.now().toString())
                .build();
    }

}
