package io.kubenas.api.validation;

import io.kubenas.api.space.InputShape;
import io.kubenas.api.space.ResolvedLayer;
import io.kubenas.api.space.ResolvedSearchSpace;
import io.kubenas.api.space.SearchSpaceResolver;
import io.kubenas.api.v1alpha1.Candidate;
import io.kubenas.api.v1alpha1.DatasetSpec;
import io.kubenas.api.v1alpha1.ImageFolderDataset;
import io.kubenas.api.v1alpha1.LayerSpec;
import io.kubenas.api.v1alpha1.NasSearch;
import io.kubenas.api.v1alpha1.NasSearchSpec;
import io.kubenas.api.v1alpha1.ResourcesSpec;
import io.kubenas.api.v1alpha1.SearchSpaceSpec;
import io.kubenas.api.v1alpha1.Strategy;
import io.kubenas.api.v1alpha1.TrainingSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Semantic validation: the rules the CRD schema cannot express. The single entry point used by the
 * operator (before it creates anything) and by the local runner. Expects a spec with schema defaults
 * applied (the API server applies them; {@code NasSearchManifests} does so for local files) and returns
 * every problem, each with its field path.
 */
public final class NasSearchValidator {
    /**
     * Owned objects append suffixes such as {@code -progress} and {@code -trainer-12-xxxxx} to the name;
     * 40 characters keep every derived name within the 63 allowed for labels and Job-generated pods.
     */
    public static final int MAX_NAME_LENGTH = 40;

    private NasSearchValidator() {
    }

    public static List<ValidationProblem> validate(NasSearch search) {
        List<ValidationProblem> problems = new ArrayList<>();
        String name = search.getMetadata() == null ? null : search.getMetadata().getName();
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            problems.add(new ValidationProblem("metadata.name", "must be at most " + MAX_NAME_LENGTH
                    + " characters (operator-owned objects append suffixes to it), got " + name.length()));
        }
        NasSearchSpec spec = search.getSpec();
        if (spec == null) {
            problems.add(new ValidationProblem("spec", "is required"));
            return problems;
        }
        validateSpec(spec, problems);
        return problems;
    }

    static void validateSpec(NasSearchSpec spec, List<ValidationProblem> problems) {
        if (spec.getDataset() == null) {
            problems.add(new ValidationProblem("spec.dataset", "is required: set one of builtin, imageFolder, cifar10"));
            return;
        }
        InputShape input = inputShape(spec.getDataset());
        validateDataset(spec.getDataset(), problems);
        ResolvedSearchSpace space = null;
        if (spec.getSearchSpace() != null) {
            int before = problems.size();
            validateSearchSpaceFields(spec.getSearchSpace(), problems);
            if (problems.size() == before) {
                space = SearchSpaceResolver.resolve(spec.getSearchSpace(), input);
                validateResolvedSpace(spec.getSearchSpace(), space, problems);
            }
        }
        if (spec.getTraining() != null) {
            validateTraining(spec.getTraining(), problems);
        }
        if (space != null) {
            validateStrategy(spec, space, problems);
        }
        if (spec.getResources() != null) {
            validateResources(spec.getResources(), problems);
        }
    }

    /** The input the dataset provides; image folders learn their class count from the data. */
    public static InputShape inputShape(DatasetSpec dataset) {
        if (dataset.getImageFolder() != null) {
            ImageFolderDataset folder = dataset.getImageFolder();
            int channels = folder.getChannels() == null ? 3 : folder.getChannels();
            int size = folder.getImageSize() == null ? 32 : folder.getImageSize();
            return new InputShape(channels, size, InputShape.UNKNOWN_CLASSES);
        }
        if (dataset.getCifar10() != null) {
            return InputShape.CIFAR10;
        }
        return InputShape.FASHION_MNIST;
    }

    private static void validateDataset(DatasetSpec dataset, List<ValidationProblem> problems) {
        ImageFolderDataset folder = dataset.getImageFolder();
        if (folder == null) {
            return;
        }
        int channels = folder.getChannels() == null ? 3 : folder.getChannels();
        if (channels != 1 && channels != 3) {
            problems.add(new ValidationProblem("spec.dataset.imageFolder.channels", "must be 1 (grey) or 3 (colour), got " + channels));
        }
        checkPerChannel("spec.dataset.imageFolder.mean", folder.getMean(), channels, false, problems);
        checkPerChannel("spec.dataset.imageFolder.std", folder.getStd(), channels, true, problems);
    }

    private static void checkPerChannel(String field, List<Double> values, int channels, boolean positive,
            List<ValidationProblem> problems) {
        if (values == null) {
            return;
        }
        if (values.size() != channels) {
            problems.add(new ValidationProblem(field, "needs one value per channel (" + channels + "), got " + values.size()));
        }
        if (positive && values.stream().anyMatch(v -> v == null || v <= 0)) {
            problems.add(new ValidationProblem(field, "values must be > 0"));
        }
    }

    private static void validateSearchSpaceFields(SearchSpaceSpec space, List<ValidationProblem> problems) {
        boolean explicit = space.getLayers() != null && !space.getLayers().isEmpty();
        if (explicit == (space.getPreset() != null)) {
            problems.add(new ValidationProblem("spec.searchSpace", "set exactly one of preset, layers"));
            return;
        }
        if (explicit) {
            if (space.getCandidates() != null) {
                problems.add(new ValidationProblem("spec.searchSpace.candidates",
                        "applies to presets only; with explicit layers set layers[].candidates"));
            }
            if (space.getWidthMultiplier() != null && space.getWidthMultiplier() != 1.0) {
                problems.add(new ValidationProblem("spec.searchSpace.widthMultiplier",
                        "applies to presets only; with explicit layers give the channel counts themselves"));
            }
            for (int i = 0; i < space.getLayers().size(); i++) {
                LayerSpec layer = space.getLayers().get(i);
                checkCandidates("spec.searchSpace.layers[" + i + "].candidates", layer.getCandidates(), problems);
                if (layer.getOutChannels() == null) {
                    problems.add(new ValidationProblem("spec.searchSpace.layers[" + i + "].outChannels", "is required"));
                }
            }
        } else {
            if (space.getStemChannels() != null) {
                problems.add(new ValidationProblem("spec.searchSpace.stemChannels", "applies to explicit layers only; presets fix the stem"));
            }
            if (space.getTailChannels() != null) {
                problems.add(new ValidationProblem("spec.searchSpace.tailChannels", "applies to explicit layers only; presets fix the tail"));
            }
            checkCandidates("spec.searchSpace.candidates", space.getCandidates(), problems);
        }
    }

    private static void checkCandidates(String field, List<Candidate> candidates, List<ValidationProblem> problems) {
        if (candidates == null) {
            return;
        }
        Set<Candidate> seen = EnumSet.noneOf(Candidate.class);
        for (Candidate c : candidates) {
            if (c == null) {
                problems.add(new ValidationProblem(field, "unknown candidate; allowed: shuffle3x3, shuffle5x5, shuffle7x7, xception"));
            } else if (!seen.add(c)) {
                problems.add(new ValidationProblem(field, "lists " + c.wireName() + " more than once"));
            }
        }
    }

    private static void validateResolvedSpace(SearchSpaceSpec spec, ResolvedSearchSpace space, List<ValidationProblem> problems) {
        boolean explicit = spec.getLayers() != null && !spec.getLayers().isEmpty();
        if (space.stemChannels() % 2 != 0) {
            problems.add(new ValidationProblem("spec.searchSpace.stemChannels",
                    "must be even (the first stride-1 layer splits its input channels in half), got " + space.stemChannels()));
        }
        for (ResolvedLayer layer : space.layers()) {
            String at = explicit ? "spec.searchSpace.layers[" + layer.index() + "]" : "spec.searchSpace.preset";
            String which = explicit ? "" : " (layer " + layer.index() + ")";
            if (layer.outChannels() % 2 != 0) {
                problems.add(new ValidationProblem(at + (explicit ? ".outChannels" : ""), "output channels must be even"
                        + " (ShuffleNet units concatenate two halves), got " + layer.outChannels() + which));
            }
            if (layer.stride() == 1 && layer.inChannels() != layer.outChannels()) {
                problems.add(new ValidationProblem(at + (explicit ? ".outChannels" : ""), "a stride-1 layer keeps its input channels ("
                        + layer.inChannels() + "), got " + layer.outChannels() + which + "; use stride 2 to change the width"));
            }
            if (layer.stride() == 2 && layer.outChannels() <= layer.inChannels()) {
                problems.add(new ValidationProblem(at + (explicit ? ".outChannels" : ""), "a stride-2 layer must widen its input ("
                        + layer.inChannels() + " channels): its main branch adds outChannels - inChannels, got " + layer.outChannels() + which));
            }
            if (layer.stride() == 2 && layer.inputSize() < 2) {
                problems.add(new ValidationProblem(at + (explicit ? ".stride" : ""), "the search space does not fit the "
                        + space.input().size() + " px input: layer " + layer.index() + " would downsample a "
                        + layer.inputSize() + "x" + layer.inputSize() + " feature map; use fewer stride-2 layers or larger images"));
            }
        }
    }

    private static void validateTraining(TrainingSpec training, List<ValidationProblem> problems) {
        Integer epochs = training.getEpochs();
        if (epochs != null && training.getWarmupEpochs() != null && training.getWarmupEpochs() >= epochs) {
            problems.add(new ValidationProblem("spec.training.warmupEpochs",
                    "must be less than spec.training.epochs (" + epochs + "), got " + training.getWarmupEpochs()));
        }
        Integer lrWarmup = training.getWeightOptimizer() == null ? null : training.getWeightOptimizer().getLrWarmupEpochs();
        int total = (epochs == null ? 0 : epochs) + (training.getChildEpochs() == null ? 0 : training.getChildEpochs());
        if (lrWarmup != null && epochs != null && lrWarmup >= total) {
            problems.add(new ValidationProblem("spec.training.weightOptimizer.lrWarmupEpochs",
                    "must be less than the total epochs (epochs + childEpochs = " + total + "), got " + lrWarmup));
        }
    }

    private static void validateStrategy(NasSearchSpec spec, ResolvedSearchSpace space, List<ValidationProblem> problems) {
        Strategy strategy = spec.getStrategy() == null ? Strategy.DSNAS : spec.getStrategy();
        int widest = space.layers().stream().mapToInt(l -> l.candidates().size()).max().orElse(1);
        if (strategy == Strategy.DSNAS && widest < 2) {
            problems.add(new ValidationProblem("spec.searchSpace", "every layer offers a single candidate: there is nothing to search"));
        }
        if (strategy == Strategy.TENAS_DSNAS && spec.getTenas() != null && spec.getTenas().getSurvivorsPerLayer() != null) {
            int survivors = spec.getTenas().getSurvivorsPerLayer();
            if (survivors < 2) {
                problems.add(new ValidationProblem("spec.tenas.survivorsPerLayer",
                        "must be at least 2 with strategy TENAS_DSNAS (DSNAS needs a choice); use strategy TENAS to keep one"));
            } else if (survivors >= widest) {
                problems.add(new ValidationProblem("spec.tenas.survivorsPerLayer", "keeps " + survivors
                        + " candidates but layers offer at most " + widest + ": TE-NAS would prune nothing; lower it or use strategy DSNAS"));
            }
        }
    }

    private static void validateResources(ResourcesSpec resources, List<ValidationProblem> problems) {
        int gpus = resources.getGpus() == null ? 0 : resources.getGpus();
        if (resources.getGpuResourceName() != null && gpus <= 0) {
            problems.add(new ValidationProblem("spec.resources.gpus", "must be > 0 when spec.resources.gpuResourceName ("
                    + resources.getGpuResourceName() + ") is set; remove gpuResourceName to train on CPU"));
        }
    }
}
