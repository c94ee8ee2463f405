package io.kubenas.trainer.data;

import io.kubenas.api.v1alpha1.AugmentationSpec;

/**
 * Training-only augmentation: pad by {@code cropPadding} pixels (raw value 0, i.e. black, as
 * torchvision's RandomCrop does), take a random window of the original size, flip horizontally
 * with probability 0.5, and with probability {@code randomErasing} erase a random rectangle to the dataset
 * mean (random erasing, Zhong et al. 2017: 2–40% of the image, aspect ratio 0.3–3.3, as torchvision's
 * RandomErasing after Normalize). Each image's choices are a function of (seed, epoch, position in the epoch),
 * so a resumed run augments exactly like an uninterrupted one.
 */
public record Augmentation(int cropPadding, boolean horizontalFlip, double randomErasing) {
    public static final Augmentation NONE = new Augmentation(0, false, 0);

    /** The erased fraction of the image's area, drawn uniformly from this range. */
    static final double ERASED_AREA_MIN = 0.02;
    static final double ERASED_AREA_MAX = 0.4;
    /** The erased rectangle's height / width, drawn log-uniformly from [1/this, this]. */
    static final double ERASED_ASPECT_MAX = 1 / 0.3;

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("cropPadding must be >= 0, got " + cropPadding);
        }
        if (!(randomErasing >= 0 && randomErasing <= 1)) {
            throw new IllegalArgumentException("randomErasing is a probability in [0, 1], got " + randomErasing);
        }
    }

    public Augmentation(int cropPadding, boolean horizontalFlip) {
        this(cropPadding, horizontalFlip, 0);
    }

    /** From the spec; absent fields mean "off" (the schema defaults are 0, false and 0). */
    public static Augmentation from(AugmentationSpec spec) {
        if (spec == null) {
            return NONE;
        }
        int padding = spec.getRandomCropPadding() == null ? 0 : spec.getRandomCropPadding();
        double erasing = spec.getRandomErasing() == null ? 0 : spec.getRandomErasing();
        return new Augmentation(padding, Boolean.TRUE.equals(spec.getHorizontalFlip()), erasing);
    }

    public boolean isEnabled() {
        return cropPadding > 0 || horizontalFlip || randomErasing > 0;
    }
}
