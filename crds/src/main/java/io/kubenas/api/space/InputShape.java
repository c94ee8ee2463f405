package io.kubenas.api.space;

/**
 * What the network sees and predicts.
 *
 * @param channels 1 (grey) or 3 (colour)
 * @param size height = width in pixels
 * @param classes number of classes, or {@link #UNKNOWN_CLASSES} when only the data can tell (image folders)
 */
public record InputShape(int channels, int size, int classes) {
    public static final int UNKNOWN_CLASSES = -1;

    public static final InputShape FASHION_MNIST = new InputShape(1, 28, 10);
    public static final InputShape CIFAR10 = new InputShape(3, 32, 10);

    public InputShape withClasses(int newClasses) {
        return new InputShape(channels, size, newClasses);
    }
}
