package io.kubenas.trainer.serve.model;

import ai.djl.nn.Block;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.searchspace.Supernet;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Rebuilds an exported child's network for {@code serve} and {@code evaluate}: the search space restricted
 * to the chosen candidate of each layer, exactly the structure the trainer exported.
 */
@ApplicationScoped
public class ChildNetworkBlocks implements ChildNetworkFactory {

    @Override
    public Block newBlock(ChildArchitecture architecture) throws InvalidChildException {
        List<List<Candidate>> chosen = architecture.chosenCandidates().stream().map(List::of).toList();
        return new Supernet(architecture.space().restrictedTo(chosen));
    }
}
