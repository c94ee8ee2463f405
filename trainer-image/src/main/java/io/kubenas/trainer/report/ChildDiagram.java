package io.kubenas.trainer.report;

import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.trainer.child.ChildArchitecture;
import io.kubenas.trainer.child.InvalidChildException;
import io.kubenas.trainer.searchspace.NetworkCost;
import java.util.ArrayList;
import java.util.List;

/**
 * The exported child, block by block from input to classifier, with each block's operation, channels, stride,
 * resolution, parameters and FLOPs ({@link NetworkCost}: multiply-accumulates per image).
 *
 * @param blocks in order
 * @param parameters the whole network's
 * @param flops the whole network's, per image
 */
record ChildDiagram(List<Block> blocks, long parameters, long flops) {

    /**
     * @param name e.g. {@code stem}, {@code L3}, {@code classifier}
     * @param op what it computes, e.g. {@code conv3x3} or the chosen candidate
     */
    record Block(String name, String op, int inChannels, int outChannels, int stride, int inputSize, int outputSize, long parameters,
            long flops) {
    }

    static ChildDiagram of(ChildArchitecture child) throws InvalidChildException {
        ResolvedSearchSpace space = child.space();
        InputShape input = space.input();
        List<Block> blocks = new ArrayList<>();
        int stemSize = NetworkCost.stemOutputSize(space);
        blocks.add(block("stem", "conv3x3", input.channels(), space.stemChannels(), space.stemStride(), input.size(), stemSize,
                NetworkCost.stem(space)));
        List<Candidate> chosen = child.chosenCandidates();
        for (ResolvedLayer layer : space.layers()) {
            Candidate candidate = chosen.get(layer.index());
            blocks.add(block("L" + layer.index(), candidate.wireName(), layer.inChannels(), layer.outChannels(), layer.stride(), layer.inputSize(),
                    layer.outputSize(), NetworkCost.candidate(candidate, layer)));
        }
        int lastSize = space.layers().isEmpty() ? stemSize : space.layers().get(space.layers().size() - 1).outputSize();
        blocks.add(block("tail", "conv1x1", space.lastLayerChannels(), space.tailChannels(), 1, lastSize, lastSize, NetworkCost.tail(space)));
        blocks.add(block("classifier", "pool + linear", space.tailChannels(), input.classes(), 1, lastSize, 1, NetworkCost.classifier(space)));
        long parameters = blocks.stream().mapToLong(Block::parameters).sum();
        long flops = blocks.stream().mapToLong(Block::flops).sum();
        return new ChildDiagram(blocks, parameters, flops);
    }

    private static Block block(String name, String op, int in, int out, int stride, int inputSize, int outputSize, NetworkCost cost) {
        return new Block(name, op, in, out, stride, inputSize, outputSize, cost.parameters(), cost.flops());
    }
}
