package io.kubenas.trainer.searchspace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;

/**
 * Puts a network's input into channels-last memory order (NHWC strides behind the usual [B, C, H, W] shape),
 * so that every convolution, BatchNorm and ReLU after it stays channels-last: libtorch propagates the
 * layout from its inputs.
 *
 * <p>Why: on CPU, oneDNN computes the weight gradient of a depthwise convolution on NCHW tensors by
 * im2col + GEMM, which copies the input k² times; on channels-last tensors it uses its direct depthwise
 * kernel. Measured here (2 cores, batch 64): a depthwise 3x3 forward+backward on 16×28×28 took 16.4 ms in
 * NCHW and 7.9 ms channels-last; 7x7 on 32×14×14, 24.4 ms and 10.6 ms. The arithmetic is the same, so the
 * results agree up to float rounding.
 *
 * <p>That rounding is not PyTorch's: libtorch's channels-last BatchNorm backward accumulates less precisely, and a
 * step's gradient is off by 2.0% of its norm against float64 where NCHW is off by 0.4% (one real Fashion-MNIST step
 * on a fresh supernet). Keeping only the depthwise convolutions channels-last gets PyTorch's 0.4% back but costs
 * 6–22% per step, and whole 16-epoch searches at that precision did not reach a higher accuracy (89.65% and 89.72%
 * against 90.08% and 90.19%, docs/benchmarks.md "Second seed, and the two programs step by step"): the speed stays.
 *
 * <p>Not for thin networks: libtorch's channels-last BatchNorm backward vectorises across channels, and with
 * fewer channels than an AVX2 register holds (8) it became the slowest kernel: 37% of the time of the TE-NAS
 * NTK copy (4-channel branches), where NCHW spends 4%. Not on GPUs either, where it was never measured: the
 * caller, which knows the device of each forward, checks that.
 */
final class ChannelsLast {
    /** The narrowest BatchNorm that still gains: one AVX2 register of floats. */
    static final int MIN_CHANNELS = 8;

    private ChannelsLast() {
    }

    /** Whether every BatchNorm of a network of {@code space} is wide enough to gain from channels-last. */
    static boolean suits(ResolvedSearchSpace space) {
        int narrowest = Math.min(space.stemChannels(), space.tailChannels());
        for (ResolvedLayer layer : space.layers()) {
            int mainOut = layer.outChannels() - ChoiceUnit.passThroughChannels(layer);
            narrowest = Math.min(narrowest, Math.min(ChoiceUnit.mainInputChannels(layer), Math.min(layer.midChannels(), mainOut)));
        }
        return narrowest >= MIN_CHANNELS;
    }

    /**
     * The same values as {@code x} ([B, C, H, W]) with channels-last strides. A reshape of the NHWC view
     * copies it into NHWC order (a view when C = 1: then both layouts are the same bytes).
     */
    static NDArray of(NDArray x) {
        Shape s = x.getShape();
        NDArray nhwc = x.transpose(0, 2, 3, 1).reshape(s.get(0), -1).reshape(s.get(0), s.get(2), s.get(3), s.get(1));
        return nhwc.transpose(0, 3, 1, 2);
    }
}
