package io.kubenas.trainer.search;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kubenas.api.progress.PodContract;
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

    /** Measures the test accuracy and writes {@code child/} into the work dir, replacing an older export. */
    Path writeTo(Path workDir) throws IOException {
        testAccuracy = ChildAccuracy.of(child.network(), new ParameterStore(manager, false), splits.testBatches(256), manager);
        List<String> ops = child.ops().stream().map(c -> c.wireName()).toList();
        String dataset = plan.dataset().getBuiltin() != null ? plan.dataset().getBuiltin().name().toLowerCase().replace('_', '-')
                : plan.dataset().getCifar10() != null ? "cifar10" : "image-folder";
        ChildArchitecture architecture = new ChildArchitecture(ChildManifest.FORMAT_VERSION, plan.name(), dataset, space, ops,
                splits.classNames(), splits.normalization(), testAccuracy, splits.testIsValidation() ? "validation" : "test");
        Path dir = workDir.resolve(PodContract.CHILD_DIR);
        Path old = null;
        if (Files.exists(dir)) {
            old = workDir.resolve(".old-" + PodContract.CHILD_DIR + "-" + UUID.randomUUID());
            Files.move(dir, old);
        }
        digest = ChildDirectory.write(dir, architecture, child.network());
        if (old != null) {
            DurableFiles.deleteRecursively(old);
        }
        return dir;
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
