package io.kubenas.trainer.devices;

/**
 * What one shard of a batch measured. Loss and credit are already weighted by the shard's share of the
 * batch, so summing them over the shards gives the batch's.
 *
 * @param path the path the shard ran
 * @param share the shard's images over the batch's
 * @param loss the shard's mean loss × share
 * @param credit ∂(share × shard loss)/∂Z_i of each layer's unit gate, or null when the pass ran without gates
 */
public record ShardResult(int[] path, double share, double loss, double[] credit) {
}
