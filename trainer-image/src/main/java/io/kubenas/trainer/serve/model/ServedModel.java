package io.kubenas.trainer.serve.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * A loaded image classifier the inference API calls from many request threads at once: a fixed pool of
 * workers, each with its own DJL {@link Model}, block and {@link Predictor} (DJL predictors are not
 * thread-safe, and a child network's block is not promised to be either). A request borrows an idle worker,
 * predicts, and gives it back; when all are busy it waits up to the queue timeout. More workers than cores
 * rarely helps: PyTorch already uses every core inside one forward pass of a large batch.
 */
public final class ServedModel implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ServedModel.class);

    private final ModelMetadata metadata;
    private final Duration queueTimeout;
    private final BlockingQueue<Worker> idle;
    private final List<Worker> all;
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean closed;

    private record Worker(Model model, Predictor<PixelBatch, float[]> predictor) {
        void close() {
            predictor.close();
            model.close();
        }
    }

    private ServedModel(ModelMetadata metadata, Duration queueTimeout, List<Worker> workers) {
        this.metadata = metadata;
        this.queueTimeout = queueTimeout;
        this.all = List.copyOf(workers);
        this.idle = new ArrayBlockingQueue<>(workers.size(), false, workers);
    }

    /**
     * Builds {@code workers} instances of the network and checks each with one prediction on a blank image,
     * so a network that does not fit the metadata fails here, at start, and not on the first request.
     *
     * @throws IOException or MalformedModelException when the child cannot make a trained block
     * @throws IllegalStateException when the network's output is not logits {@code [N, classes]}
     */
    public static ServedModel start(ModelMetadata metadata, LoadedChild child, int workers, Duration queueTimeout)
            throws IOException, MalformedModelException {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        List<Worker> pool = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            Model model = Model.newInstance(metadata.name() + "-worker-" + i);
            try {
                Block block = child.newTrainedBlock(model.getNDManager());
                // Inference only: no autograd graph per request.
                block.freezeParameters(true);
                model.setBlock(block);
                pool.add(new Worker(model, model.newPredictor(new ImageClassifierTranslator(metadata))));
            } catch (RuntimeException | IOException | MalformedModelException e) {
                model.close();
                pool.forEach(Worker::close);
                throw e;
            }
            try {
                pool.get(i).predictor().predict(new PixelBatch(new float[metadata.valuesPerImage()], 1));
            } catch (TranslateException | RuntimeException e) {
                pool.forEach(Worker::close);
                throw new IllegalStateException("the network fails on a blank " + metadata.channels() + "x" + metadata.height()
                        + "x" + metadata.width() + " image: " + rootMessage(e), e);
            }
        }
        LOG.debugf("model %s: %d workers ready", metadata.name(), workers);
        return new ServedModel(metadata, queueTimeout, pool);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /**
     * Classifies a batch.
     *
     * @param pixels {@code batch × channels × height × width} values, row-major (NCHW), each in [0, 1];
     *               the caller has checked the length and the values
     * @param batch the number of images, at least 1
     * @throws ModelBusyException when no worker frees up within the queue timeout
     * @throws InterruptedException when the calling thread is interrupted while waiting for a worker
     */
    public Prediction predict(float[] pixels, int batch) throws ModelBusyException, InterruptedException {
        if (closed) {
            throw new ModelBusyException("the server is shutting down");
        }
        Worker worker = idle.poll(queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (worker == null) {
            throw new ModelBusyException("all " + all.size() + " workers stayed busy for " + queueTimeout.toMillis()
                    + " ms; retry later");
        }
        busy.incrementAndGet();
        try {
            float[] probabilities = worker.predictor().predict(new PixelBatch(pixels, batch));
            return Prediction.fromProbabilities(batch, metadata.classes(), probabilities);
        } catch (TranslateException e) {
            throw new IllegalStateException("prediction failed: " + rootMessage(e), e);
        } finally {
            busy.decrementAndGet();
            idle.add(worker);
        }
    }

    /** Workers currently running a prediction (for the busy-workers gauge). */
    public int busyWorkers() {
        return busy.get();
    }

    public int workers() {
        return all.size();
    }

    /** Waits (up to 30 s) for every worker to be idle, then frees them; later predictions are refused. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Worker> drained = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (drained.size() < all.size()) {
                long left = deadline - System.nanoTime();
                Worker worker = left > 0 ? idle.poll(left, TimeUnit.NANOSECONDS) : null;
                if (worker == null) {
                    LOG.warnf("model %s: %d workers still busy at close; their native memory is freed with the process",
                            metadata.name(), all.size() - drained.size());
                    break;
                }
                drained.add(worker);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drained.forEach(Worker::close);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
