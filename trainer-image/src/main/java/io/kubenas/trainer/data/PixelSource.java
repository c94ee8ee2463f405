package io.kubenas.trainer.data;

/**
 * Where an {@link ImageSet}'s pixels come from: one byte array in the heap ({@link InHeap}: Fashion-MNIST,
 * CIFAR-10, sets built in code), or image files decoded each time an image is read ({@link ImageFiles}: image
 * folders, whose decoded pixels would not fit in memory — ImageNet's are 193 GB at 224 px).
 */
sealed interface PixelSource permits PixelSource.InHeap, ImageFiles {

    /** Where one image's C×H×W bytes can be read: {@code array} from {@code offset}. */
    record View(byte[] array, int offset) {
    }

    int count();

    /**
     * Image {@code index}'s pixels: a view into the backing array when the source holds them, else
     * {@code scratch} (at least one image's bytes) after decoding the image into it.
     */
    View read(int index, byte[] scratch);

    /** The images at these indices, in this order. */
    PixelSource select(int[] indices);

    /** True when each read decodes a file: worth spreading over threads, and too costly to read all at once. */
    boolean decodesOnRead();

    /** count × imageBytes bytes, image after image. */
    record InHeap(byte[] pixels, int imageBytes) implements PixelSource {
        @Override
        public int count() {
            return pixels.length / imageBytes;
        }

        @Override
        public View read(int index, byte[] scratch) {
            return new View(pixels, index * imageBytes);
        }

        @Override
        public InHeap select(int[] indices) {
            byte[] selected = new byte[indices.length * imageBytes];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(pixels, indices[i] * imageBytes, selected, i * imageBytes, imageBytes);
            }
            return new InHeap(selected, imageBytes);
        }

        @Override
        public boolean decodesOnRead() {
            return false;
        }
    }
}
