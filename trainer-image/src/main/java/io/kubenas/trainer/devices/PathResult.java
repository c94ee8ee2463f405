package io.kubenas.trainer.devices;

import java.util.List;

/**
 * What one forward/backward of a whole batch along one path measured.
 *
 * @param loss the batch's mean loss (before any update)
 * @param credit ∂L/∂Z_i of each layer's unit gate, or null when the pass ran without gates
 */
public record PathResult(double loss, double[] credit) {

    /** The batch's figures from its shards' (which all ran the same path). */
    static PathResult sum(List<ShardResult> shards) {
        double loss = 0;
        double[] credit = null;
        for (ShardResult shard : shards) {
            loss += shard.loss();
            if (shard.credit() != null) {
                if (credit == null) {
                    credit = new double[shard.credit().length];
                }
                for (int i = 0; i < credit.length; i++) {
                    credit[i] += shard.credit()[i];
                }
            }
        }
        return new PathResult(loss, credit);
    }
}
