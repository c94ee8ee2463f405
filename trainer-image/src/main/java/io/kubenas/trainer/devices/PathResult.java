package io.kubenas.trainer.devices;

/**
 * What one forward/backward along a path measured.
 *
 * @param loss the batch's mean loss (before any update)
 * @param credit ∂L/∂Z_i of each layer's unit gate, or null when the pass ran without gates
 */
public record PathResult(double loss, double[] credit) {
}
