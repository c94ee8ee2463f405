package io.kubenas.trainer.serve;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;

/**
 * Makes independent instances of one trained network: each call returns a new block, initialised and
 * holding the trained weights, whose parameters belong to {@code manager}. The server makes one per worker
 * so that no block is ever shared between threads.
 */
@FunctionalInterface
public interface TrainedBlockFactory {
    Block newTrainedBlock(NDManager manager) throws IOException, MalformedModelException;
}
