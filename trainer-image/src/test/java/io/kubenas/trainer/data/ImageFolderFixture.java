package io.kubenas.trainer.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/** Image folders for tests: written with javax.imageio, or byte by byte where ImageIO cannot (huge images). */
final class ImageFolderFixture {
    private ImageFolderFixture() {
    }

    /** A solid-colour image file in the given format ("png", "jpg"), its folders created. */
    static void writeImage(Path file, int width, int height, Color colour, String format) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, encode(solid(width, height, colour), format));
    }

    /**
     * {@code classes × perClass} JPEGs of {@code size}×{@code size} in {@code root/c0 … c<classes-1>}. Ten distinct
     * images per class are encoded and their bytes copied into every file, in parallel: encoding each of 20,000
     * images would take most of a test's time, and what is measured is reading them.
     */
    static void writeJpegFolder(Path root, int classes, int perClass, int size) throws IOException {
        int variants = 10;
        byte[][][] encoded = new byte[classes][variants][];
        for (int c = 0; c < classes; c++) {
            Files.createDirectories(root.resolve("c" + c));
            for (int v = 0; v < variants; v++) {
                BufferedImage image = solid(size, size, Color.getHSBColor(c / (float) classes, 0.8f, 0.9f));
                Graphics2D g = image.createGraphics();
                g.setColor(Color.getHSBColor(v / (float) variants, 0.5f, 0.3f));
                g.fillOval(size / 8 + v * size / 40, size / 4, size / 2, size / 3);
                g.dispose();
                encoded[c][v] = encode(image, "jpg");
            }
        }
        IntStream.range(0, classes * perClass).parallel().forEach(i -> {
            int c = i % classes;
            try {
                Files.write(root.resolve("c" + c + "/" + String.format("%06d", i) + ".jpg"), encoded[c][(i / classes) % variants]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * A valid black 1-bit grey PNG of any size, written without holding its pixels: rows of zeros deflate to
     * almost nothing, so a 20000×20000 image is about 50 kB.
     */
    static byte[] blackPng(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        // Bit depth 1, colour type 0 (grey), deflate, adaptive filtering, no interlace.
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {1, 0, 0, 0, 0}).array());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(data, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] row = new byte[1 + (width + 7) / 8]; // filter byte 0, then the packed pixels
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        }
        chunk(png, "IDAT", data.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(name);
        png.write(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static BufferedImage solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, bytes)) {
            throw new IllegalArgumentException("no javax.imageio writer for " + format);
        }
        return bytes.toByteArray();
    }
}
