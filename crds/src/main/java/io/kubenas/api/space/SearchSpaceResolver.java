package io.kubenas.api.space;

import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.api.v1alpha1.LayerSpec;
import io.kubenas.api.v1alpha1.SearchSpacePreset;
import io.kubenas.api.v1alpha1.SearchSpaceSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a {@link SearchSpaceSpec} (a preset or explicit layers) into a {@link ResolvedSearchSpace}.
 * The presets are defined here and nowhere else. Resolution does not judge the result: the
 * {@code NasSearchValidator} reports layers whose channels or strides cannot work.
 */
public final class SearchSpaceResolver {
    /** Default stem and tail widths for explicit layers, matching the tiny preset. */
    static final int DEFAULT_STEM_CHANNELS = 16;
    static final int DEFAULT_TAIL_CHANNELS = 128;

    private SearchSpaceResolver() {
    }

    public static ResolvedSearchSpace resolve(SearchSpaceSpec spec, InputShape input) {
        if (spec.getLayers() != null && !spec.getLayers().isEmpty()) {
            return explicit(spec, input);
        }
        SearchSpacePreset preset = spec.getPreset() == null ? SearchSpacePreset.TINY : spec.getPreset();
        double width = spec.getWidthMultiplier() == null ? 1.0 : spec.getWidthMultiplier();
        List<Candidate> candidates = candidatesOrAll(spec.getCandidates());
        return switch (preset) {
            // Measured on 28-32 px inputs (docs/algorithms.md §1.2): two stages of four layers, no stem stride.
            case TINY -> staged(input, scale(16, width), 1, new int[] {4, 4}, new int[] {32, 64}, width,
                    scale(128, width), 0.0, candidates);
            // The DSNAS paper's ImageNet space: 20 layers, stem stride 2, tail 1024, dropout 0.1.
            case SHUFFLENET_IMAGENET -> staged(input, scale(16, width), 2, new int[] {4, 4, 8, 4},
                    new int[] {64, 160, 320, 640}, width, scale(1024, width), 0.1, candidates);
        };
    }

    /** All four candidates in their canonical order when the list is empty. */
    public static List<Candidate> candidatesOrAll(List<Candidate> candidates) {
        return candidates == null || candidates.isEmpty() ? Arrays.asList(Candidate.values()) : List.copyOf(candidates);
    }

    private static ResolvedSearchSpace staged(InputShape input, int stem, int stemStride, int[] depths,
            int[] channels, double width, int tail, double dropout, List<Candidate> candidates) {
        List<ResolvedLayer> layers = new ArrayList<>();
        int in = stem;
        int size = outputSize(input.size(), stemStride);
        for (int stage = 0; stage < depths.length; stage++) {
            int out = scale(channels[stage], width);
            for (int i = 0; i < depths[stage]; i++) {
                int stride = i == 0 ? 2 : 1;
                ResolvedLayer layer = new ResolvedLayer(layers.size(), in, out, stride, size, candidates);
                layers.add(layer);
                in = out;
                size = layer.outputSize();
            }
        }
        return new ResolvedSearchSpace(input, stem, stemStride, layers, tail, dropout);
    }

    private static ResolvedSearchSpace explicit(SearchSpaceSpec spec, InputShape input) {
        int stem = spec.getStemChannels() == null ? DEFAULT_STEM_CHANNELS : spec.getStemChannels();
        int tail = spec.getTailChannels() == null ? DEFAULT_TAIL_CHANNELS : spec.getTailChannels();
        List<ResolvedLayer> layers = new ArrayList<>();
        int in = stem;
        int size = input.size();
        for (LayerSpec l : spec.getLayers()) {
            int out = l.getOutChannels() == null ? in : l.getOutChannels();
            int stride = l.getStride() == null ? 1 : l.getStride();
            ResolvedLayer layer = new ResolvedLayer(layers.size(), in, out, stride, size, candidatesOrAll(l.getCandidates()));
            layers.add(layer);
            in = out;
            size = layer.outputSize();
        }
        return new ResolvedSearchSpace(input, stem, 1, layers, tail, 0.0);
    }

    /** Channel counts are scaled and kept a multiple of 4, so the channel split and its halves stay even. */
    static int scale(int channels, double width) {
        return Math.max(4, (int) Math.round(channels * width / 4.0) * 4);
    }

    private static int outputSize(int size, int stride) {
        return stride == 1 ? size : (size + 1) / 2;
    }
}
