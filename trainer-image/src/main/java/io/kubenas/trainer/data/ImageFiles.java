package io.kubenas.trainer.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The images of a folder as files: only their paths are held (about 100 bytes an image), and every read
 * decodes the file again. A split of a folder ({@link #select}) is a list of paths, never a copy of pixels.
 */
final class ImageFiles implements PixelSource {
    private final Path root;
    /** Relative to {@code root}: a String costs less than a Path, and ImageNet has 1.28 million of them. */
    private final String[] paths;
    private final ImageFileDecoder decoder;

    ImageFiles(Path root, List<String> relativePaths, ImageFileDecoder decoder) {
        this(root, relativePaths.toArray(String[]::new), decoder);
    }

    private ImageFiles(Path root, String[] paths, ImageFileDecoder decoder) {
        this.root = root;
        this.paths = paths;
        this.decoder = decoder;
    }

    ImageFileDecoder decoder() {
        return decoder;
    }

    Path file(int index) {
        return root.resolve(paths[index]);
    }

    @Override
    public int count() {
        return paths.length;
    }

    @Override
    public View read(int index, byte[] scratch) {
        decoder.decodeInto(file(index), scratch, 0);
        return new View(scratch, 0);
    }

    @Override
    public ImageFiles select(int[] indices) {
        String[] selected = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            selected[i] = paths[indices[i]];
        }
        return new ImageFiles(root, selected, decoder);
    }

    @Override
    public boolean decodesOnRead() {
        return true;
    }
}
