package io.kubenas.trainer.serve.model;

import ai.djl.nn.Block;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.InvalidChildException;

/**
 * <b>The hook where the trainer's network plugs into the server.</b> Given a child's architecture, returns
 * a new, <em>uninitialised</em> block with exactly the structure whose {@code saveParameters} wrote the
 * child's {@code child.params}; the loader initialises it with {@code [1, C, H, W]} and loads the weights.
 * Its {@code forward} must return logits {@code [N, classes]} (the server applies the softmax) and must not
 * keep per-call state, and it must build the same block every time (one per worker).
 *
 * <p>Provide it as a CDI bean and {@code serve} finds it; for example:
 * <pre>{@code
 * @ApplicationScoped
 * public class ChildNetworkBlocks implements ChildNetworkFactory {
 *     public Block newBlock(ChildArchitecture architecture) throws InvalidChildException {
 *         return new ChildNetwork(architecture.childSpace());
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ChildNetworkFactory {
    Block newBlock(ChildArchitecture architecture) throws InvalidChildException;
}
