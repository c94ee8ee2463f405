package io.kubenas.trainer.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.kubenas.api.manifest.NasSearchManifests;
import io.kubenas.api.v1alpha1.BuiltinDataset;
import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.trainer.data.BatchLoader;
import io.kubenas.trainer.data.DatasetLoader;
import io.kubenas.trainer.data.DatasetSplits;
import io.kubenas.trainer.search.ChildAccuracy;
import io.kubenas.trainer.searchspace.Supernet;
import io.kubenas.trainer.serve.model.ChildDirectoryLoader;
import io.kubenas.trainer.serve.model.ChildNetworkBlocks;
import io.kubenas.trainer.serve.model.LoadedChild;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: the accuracy of an exported child on a split of its dataset, as served (sha256-verified). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Print the accuracy of an exported child network on the test (or validation) split.")
public class EvaluateCommand implements Callable<Integer> {
    enum Split { test, validation }

    @Option(names = "--child", required = true, paramLabel = "DIR", description = "The exported child directory.")
    Path child;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "The NasSearch that produced the child: its dataset and seed (needed for the validation split and for "
                    + "non-builtin datasets).")
    Path manifest;

    @Option(names = "--split", defaultValue = "test", description = "test (default) or validation.")
    Split split;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Inject
    ChildNetworkBlocks networks;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return CliErrors.run("evaluate", spec.commandLine().getErr(), () -> {
            LoadedChild loaded = new ChildDirectoryLoader(networks).load(child);
            DatasetSpec dataset;
            long seed;
            if (manifest != null) {
                NasSearch search = NasSearchManifests.read(manifest);
                dataset = search.getSpec().getDataset();
                seed = search.getSpec().getTraining().getSeed();
            } else if ("fashion-mnist".equals(loaded.architecture().dataset()) && split == Split.test) {
                dataset = DatasetSpec.builder().builtin(BuiltinDataset.FASHION_MNIST).validationFraction(0.1).build();
                seed = 0;
            } else {
                throw new IllegalArgumentException("pass --manifest with the NasSearch that produced the child: the "
                        + split + " split of dataset '" + loaded.architecture().dataset() + "' cannot be found without it");
            }
            DatasetSplits splits = new DatasetLoader(data.locations(Path.of(""))).load(dataset, seed);
            BatchLoader batches = split == Split.test ? splits.testBatches(256) : splits.validationBatches(256);
            try (NDManager manager = NDManager.newBaseManager()) {
                Supernet network = (Supernet) loaded.newTrainedBlock(manager);
                double accuracy = ChildAccuracy.of(network, new ParameterStore(manager, false), batches, manager);
                out.printf("child:    %s (sha256 %s)%n", child, loaded.digest());
                out.printf("ops:      %s%n", String.join(" ", loaded.architecture().ops()));
                out.printf("%s accuracy: %.4f on %d images%n", split, accuracy, batches.imageCount());
                out.flush();
            }
            return 0;
        });
    }
}
