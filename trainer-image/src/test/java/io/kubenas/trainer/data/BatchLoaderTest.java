package io.kubenas.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {
    private static final Augmentation CROP_AND_FLIP = new Augmentation(2, true);
    private static NDManager manager;
    private static DatasetSplits splits;

    @BeforeAll
    static void load() {
        FashionMnistFixture.data();
        manager = NDManager.newBaseManager();
        DatasetLoader.HeldOut heldOut = DatasetLoader.holdOut(FashionMnistFixture.data().train(), 10, 0.1, 42);
        splits = new DatasetSplits(heldOut.train(), heldOut.validation(), FashionMnistFixture.data().test(),
                FashionMnistReader.CLASS_NAMES, io.kubenas.api.space.InputShape.FASHION_MNIST,
                Normalization.computedFrom(heldOut.train()), false);
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    /** A batch copied out of native memory, comparable with equals. */
    record Snapshot(DataPosition position, List<Float> images, List<Long> labels) {
        static Snapshot of(ImageBatch batch) {
            float[] images = batch.images().toFloatArray();
            List<Float> boxed = new ArrayList<>(images.length);
            for (float v : images) {
                boxed.add(v);
            }
            return new Snapshot(batch.position(), boxed, Arrays.stream(batch.labels().toLongArray()).boxed().toList());
        }
    }

    @Test
    void trainingBatchesAreFloat32NchwWithInt64LabelsAndOnlyFullBatches() {
        BatchLoader loader = splits.trainingBatches(Augmentation.NONE, 64, 7);

        assertThat(loader.batchesPerEpoch()).isEqualTo(54_000 / 64);
        try (BatchStream stream = loader.stream(manager, 0); ImageBatch batch = stream.next()) {
            assertThat(batch.images().getShape()).isEqualTo(new Shape(64, 1, 28, 28));
            assertThat(batch.images().getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(batch.labels().getShape()).isEqualTo(new Shape(64));
            assertThat(batch.labels().getDataType()).isEqualTo(DataType.INT64);
            assertThat(Arrays.stream(batch.labels().toLongArray()).boxed().toList()).allMatch(l -> l >= 0 && l < 10);
            assertThat(batch.position()).isEqualTo(new DataPosition(0, 0));
            assertThat(stream.position()).isEqualTo(new DataPosition(0, 1));
        }
    }

    @Test
    void everyImageIsServedOncePerEpochInASeededOrderThatChangesWithTheEpoch() {
        ImageSet images = DatasetLoaderTest.indexedImages(1_000, 7);
        Normalization identity = new Normalization(new float[] {0}, new float[] {1});
        BatchLoader loader = BatchLoader.training(images, identity, Augmentation.NONE, 10, 42);

        List<Integer> epoch0 = servedIds(loader, 0);
        List<Integer> epoch1 = servedIds(loader, 1);

        assertThat(epoch0).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(epoch1).containsExactlyInAnyOrderElementsOf(epoch0).isNotEqualTo(epoch0);
        assertThat(servedIds(loader, 0)).isEqualTo(epoch0);
        assertThat(servedIds(BatchLoader.training(images, identity, Augmentation.NONE, 10, 43), 0)).isNotEqualTo(epoch0);
    }

    @Test
    void aTrainingSplitSmallerThanOneBatchIsServedAsOneSmallerBatch() {
        ImageSet images = DatasetLoaderTest.indexedImages(5, 7);
        BatchLoader loader = BatchLoader.training(images, new Normalization(new float[] {0}, new float[] {1}), Augmentation.NONE, 64, 1);

        assertThat(loader.batchesPerEpoch()).isEqualTo(1);
        assertThat(servedIds(loader, 0)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void theSameSeedGivesTheSameAugmentedBatches() {
        List<Snapshot> first = snapshots(splits.trainingBatches(CROP_AND_FLIP, 64, 42), new DataPosition(3, 0), 3);
        List<Snapshot> second = snapshots(splits.trainingBatches(CROP_AND_FLIP, 64, 42), new DataPosition(3, 0), 3);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void resumingAtAPositionGivesTheSameBatchesAsAnUninterruptedEpoch() {
        BatchLoader loader = splits.trainingBatches(CROP_AND_FLIP, 64, 42);
        List<Snapshot> uninterrupted = snapshots(loader, new DataPosition(2, 0), 12).subList(7, 12);

        List<Snapshot> resumed = snapshots(splits.trainingBatches(CROP_AND_FLIP, 64, 42), new DataPosition(2, 7), 5);
        List<Snapshot> resumedWithoutPrefetch = snapshots(loader.withPrefetch(false), new DataPosition(2, 7), 5);

        assertThat(resumed).isEqualTo(uninterrupted);
        assertThat(resumedWithoutPrefetch).isEqualTo(uninterrupted);
        assertThat(resumed.get(0).position()).isEqualTo(new DataPosition(2, 7));
    }

    @Test
    void augmentationChangesOnlyTrainingBatches() {
        List<Snapshot> plain = snapshots(splits.trainingBatches(Augmentation.NONE, 64, 42), new DataPosition(0, 0), 2);
        List<Snapshot> augmented = snapshots(splits.trainingBatches(CROP_AND_FLIP, 64, 42), new DataPosition(0, 0), 2);

        // Same images in the same order (same labels), different pixels.
        assertThat(augmented.get(0).labels()).isEqualTo(plain.get(0).labels());
        assertThat(augmented.get(0).images()).isNotEqualTo(plain.get(0).images());

        // Evaluation batches never augment: they equal the stored images, normalised.
        BatchLoader validation = splits.validationBatches(64);
        float[][] table = splits.normalization().lookupTables();
        try (BatchStream stream = validation.stream(manager, 5); ImageBatch batch = stream.next()) {
            float[] values = batch.images().toFloatArray();
            byte[] first = splits.validation().image(0);
            for (int i = 0; i < first.length; i++) {
                assertThat(values[i]).isEqualTo(table[0][first[i] & 0xFF]);
            }
            assertThat(batch.labels().toLongArray()[0]).isEqualTo(splits.validation().label(0));
        }
    }

    @Test
    void evaluationServesEveryImageInOrderIncludingTheLastSmallerBatch() {
        BatchLoader validation = splits.validationBatches(64);

        assertThat(validation.batchesPerEpoch()).isEqualTo(94); // 93 × 64 + 48
        List<Snapshot> last = snapshots(validation, new DataPosition(0, 93), 1);
        assertThat(last.get(0).labels()).hasSize(6_000 - 93 * 64);
        assertThat(last.get(0).labels().get(47)).isEqualTo((long) splits.validation().label(5_999));
    }

    /**
     * Not a timed assertion, a measurement for the record: what creating a batch costs the training loop.
     * Without prefetch the loop pays assembly plus NDArray creation; with prefetch (the default) it only
     * waits when assembly is slower than the step, simulated here by 20 ms of busy work per step.
     */
    @Test
    void measuresBatchCreationTimeForFashionMnistAtBatch64() {
        BatchLoader augmented = splits.trainingBatches(CROP_AND_FLIP, 64, 42);
        BatchLoader plain = splits.trainingBatches(Augmentation.NONE, 64, 42);
        timeBatches(augmented.withPrefetch(false), 300, 0); // warm-up (JIT)
        System.out.printf("[bench] Fashion-MNIST batch 64, no prefetch, crop+flip: %.3f ms per batch (median of 5 x 200)%n",
                median(() -> timeBatches(augmented.withPrefetch(false), 200, 0)));
        System.out.printf("[bench] Fashion-MNIST batch 64, no prefetch, no augmentation: %.3f ms per batch (median of 5 x 200)%n",
                median(() -> timeBatches(plain.withPrefetch(false), 200, 0)));
        System.out.printf("[bench] Fashion-MNIST batch 64, prefetch, crop+flip, 20 ms step: %.3f ms waited per batch (100 batches)%n",
                timeBatches(augmented, 100, 20));
    }

    private static double median(java.util.function.DoubleSupplier measurement) {
        double[] runs = new double[5];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = measurement.getAsDouble();
        }
        Arrays.sort(runs);
        return runs[runs.length / 2];
    }

    /**
     * Milliseconds per batch the consumer spends in next() plus closing the batch, while it "trains" for
     * stepMillis of busy work per batch.
     */
    private static double timeBatches(BatchLoader loader, int batches, int stepMillis) {
        long waited = 0;
        int served = 0;
        try (BatchStream stream = loader.stream(manager, 0)) {
            while (served < batches && stream.hasNext()) {
                long started = System.nanoTime();
                ImageBatch batch = stream.next();
                waited += System.nanoTime() - started;
                long stepEnd = System.nanoTime() + stepMillis * 1_000_000L;
                while (System.nanoTime() < stepEnd) {
                    Thread.onSpinWait();
                }
                started = System.nanoTime();
                batch.close();
                waited += System.nanoTime() - started;
                served++;
            }
        }
        return waited / 1e6 / served;
    }

    private static List<Snapshot> snapshots(BatchLoader loader, DataPosition from, int count) {
        List<Snapshot> snapshots = new ArrayList<>();
        try (BatchStream stream = loader.stream(manager, from)) {
            for (int i = 0; i < count && stream.hasNext(); i++) {
                try (ImageBatch batch = stream.next()) {
                    snapshots.add(Snapshot.of(batch));
                }
            }
        }
        return snapshots;
    }

    /** Ids of the indexed images (identity normalisation: value × 255 = pixel) in the order served. */
    private static List<Integer> servedIds(BatchLoader loader, int epoch) {
        List<Integer> ids = new ArrayList<>();
        try (BatchStream stream = loader.stream(manager, epoch)) {
            while (stream.hasNext()) {
                try (ImageBatch batch = stream.next()) {
                    float[] values = batch.images().toFloatArray();
                    for (int i = 0; i < batch.size(); i++) {
                        int high = Math.round(values[i * 4] * 255);
                        int low = Math.round(values[i * 4 + 1] * 255);
                        ids.add(high << 8 | low);
                    }
                }
            }
        }
        return ids;
    }
}
