package io.kubenas.api.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.space.SearchSpaceResolver;
import io.kubenas.api.v1alpha1.LayerSpec;
import io.kubenas.api.v1alpha1.SearchSpacePreset;
import io.kubenas.api.v1alpha1.SearchSpaceSpec;
import io.kubenas.api.validation.InvalidNasSearchException;
import io.kubenas.api.validation.ValidationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The CRD's CEL rules about channels, strides and input sizes carry numbers of their own (input sizes, preset
 * layouts), since CEL cannot call Java: these tests hold them to what the trainer builds, the spaces
 * {@link SearchSpaceResolver} resolves. A manifest is accepted exactly when its resolved space can be built.
 */
class SearchSpaceRulesTest {
    private static final String PRESET = "spec.searchSpace.preset";

    /** A dataset source of the manifest and the input the trainer would see from it. */
    private record Source(String yaml, InputShape input) {
    }

    private static List<Source> sources() {
        List<Source> sources = new ArrayList<>(List.of(
                new Source("builtin: fashion-mnist", InputShape.FASHION_MNIST),
                new Source("cifar10:\n      claimName: cifar", InputShape.CIFAR10),
                new Source("imageFolder:\n      claimName: images\n      trainPath: train", new InputShape(3, 32, InputShape.UNKNOWN_CLASSES))));
        for (int size : new int[] {8, 9, 15, 16, 17, 24, 31, 33, 64, 224, 1024}) {
            sources.add(new Source("imageFolder:\n      claimName: images\n      trainPath: train\n      imageSize: " + size,
                    new InputShape(3, size, InputShape.UNKNOWN_CLASSES)));
        }
        return sources;
    }

    @Test
    void presetIsRejectedExactlyWhenItsResolvedSpaceDoesNotFitTheInput() {
        int rejected = 0;
        for (SearchSpacePreset preset : SearchSpacePreset.values()) {
            String wire = preset == SearchSpacePreset.TINY ? "tiny" : "shufflenet-imagenet";
            for (double width : new double[] {0.25, 0.5, 1.0, 1.5, 8.0}) {
                for (Source source : sources()) {
                    SearchSpaceSpec spec = SearchSpaceSpec.builder().preset(preset).widthMultiplier(width).build();
                    Set<String> expected = unbuildable(SearchSpaceResolver.resolve(spec, source.input()), false);
                    String manifest = manifest(source, "    preset: " + wire + "\n    widthMultiplier: " + width + "\n");
                    Set<String> fields = problemFields(manifest);
                    assertThat(fields).as(manifest).isEqualTo(expected);
                    rejected += fields.isEmpty() ? 0 : 1;
                }
            }
        }
        assertThat(rejected).as("shufflenet-imagenet on images of 16 px or less").isPositive();
    }

    @Test
    void explicitLayersAreRejectedExactlyWhenTheResolvedSpaceCannotBeBuiltAtTheFieldsThatBreakIt() {
        Random random = new Random(7);
        int rejected = 0;
        List<Source> sources = sources();
        for (int n = 0; n < 400; n++) {
            Source source = sources.get(random.nextInt(sources.size()));
            int stem = new int[] {8, 15, 16, 24, 32}[random.nextInt(5)];
            List<LayerSpec> layers = new ArrayList<>();
            StringBuilder yaml = new StringBuilder("    stemChannels: " + stem + "\n    layers:\n");
            int in = stem;
            for (int i = 0, depth = 1 + random.nextInt(9); i < depth; i++) {
                int stride = random.nextInt(3) == 0 ? 2 : 1;
                int out = switch (random.nextInt(20)) {
                    case 0 -> in + 2 * random.nextInt(8);
                    case 1 -> Math.max(2, in - 8);
                    case 2 -> in + 1;
                    default -> stride == 1 ? in : 2 * in;
                };
                out = Math.min(out, 8192);
                layers.add(LayerSpec.builder().outChannels(out).stride(stride).build());
                yaml.append("    - outChannels: ").append(out).append("\n      stride: ").append(stride).append('\n');
                in = out;
            }
            SearchSpaceSpec spec = SearchSpaceSpec.builder().stemChannels(stem).layers(layers).build();
            Set<String> breaking = unbuildable(SearchSpaceResolver.resolve(spec, source.input()), true);
            String manifest = manifest(source, yaml.toString());
            Set<String> fields = problemFields(manifest);
            // Field-level rules report every layer; rules over the whole list report the first layer they fail on.
            assertThat(fields).as(manifest).isSubsetOf(breaking);
            assertThat(fields.isEmpty()).as(manifest).isEqualTo(breaking.isEmpty());
            rejected += fields.isEmpty() ? 0 : 1;
        }
        assertThat(rejected).as("a mix of valid and invalid spaces").isBetween(80, 320);
    }

    /** What the trainer could not build, at the fields the CRD's rules blame (the old semantic validator's checks). */
    private static Set<String> unbuildable(ResolvedSearchSpace space, boolean explicit) {
        Set<String> fields = new TreeSet<>();
        if (space.stemChannels() % 2 != 0) {
            fields.add(explicit ? "spec.searchSpace.stemChannels" : PRESET);
        }
        for (ResolvedLayer layer : space.layers()) {
            String at = "spec.searchSpace.layers[" + layer.index() + "].";
            boolean badWidth = layer.outChannels() % 2 != 0
                    || layer.stride() == 1 && layer.inChannels() != layer.outChannels()
                    || layer.stride() == 2 && layer.outChannels() <= layer.inChannels();
            if (badWidth) {
                fields.add(explicit ? at + "outChannels" : PRESET);
            }
            if (layer.stride() == 2 && layer.inputSize() < 2) {
                fields.add(explicit ? at + "stride" : PRESET);
            }
        }
        return fields;
    }

    private static String manifest(Source source, String searchSpace) {
        return """
                apiVersion: kubenas.io/v1alpha1
                kind: NasSearch
                metadata:
                  name: space
                spec:
                  dataset:
                    %s
                  searchSpace:
                %s  budget:
                    deviceHours: 1
                """.formatted(source.yaml(), searchSpace);
    }

    private static Set<String> problemFields(String manifest) {
        try {
            NasSearchManifests.parse(manifest);
            return Set.of();
        } catch (InvalidNasSearchException e) {
            Set<String> fields = new TreeSet<>();
            e.problems().stream().map(ValidationProblem::field).forEach(fields::add);
            return fields;
        }
    }
}
