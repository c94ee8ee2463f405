package io.kubenas.trainer.data;

import io.kubenas.api.v1alpha1.AugmentationSpec;

/**
 * Training-only augmentation: pad by {@code cropPadding} pixels (raw value 0, i.e. black, as
 * torchvision's RandomCrop does), take a random window of the original size, and flip horizontally
 * with probability 0.5. Each image's choices are a function of (seed, epoch, position in the epoch),
 * so a resumed run augments exactly like an uninterrupted one.
 */
public record Augmentation(int cropPadding, boolean horizontalFlip) {
    public static final Augmentation NONE = new Augmentation(0, false);

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("cropPadding must be >= 0, got " + cropPadding);
        }
    }

    /** From the spec; absent fields mean "off" (the schema defaults are 0 and false). */
    public static Augmentation from(AugmentationSpec spec) {
        if (spec == null) {
            return NONE;
        }
        int padding = spec.getRandomCropPadding() == null ? 0 : spec.getRandomCropPadding();
        return new Augmentation(padding, Boolean.TRUE.equals(spec.getHorizontalFlip()));
    }

    public boolean isEnabled() {
        return cropPadding > 0 || horizontalFlip;
    }
}
