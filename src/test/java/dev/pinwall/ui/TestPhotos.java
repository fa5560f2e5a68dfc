package dev.pinwall.ui;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small test images: solid colours make the nearest neighbours known in advance. */
final class TestPhotos {
    private TestPhotos() {
    }

    static Path solid(Path dir, String name, int r, int g, int b) {
        BufferedImage image = new BufferedImage(48, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(r, g, b));
        graphics.fillRect(0, 0, 48, 64);
        graphics.dispose();
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            ImageIO.write(image, name.endsWith(".jpg") ? "jpg" : "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A folder of nine photos: reds 1-3, greens 4-6, blues 7-9. Photo 1 is pure red; 2 is nearly pure red, 3 a
     * duller red, so photo 1's related photos start 2, 3.
     */
    static Path colourFolder(Path dir) {
        solid(dir, "1.png", 250, 5, 5);
        solid(dir, "2.png", 240, 20, 10);
        solid(dir, "3.png", 200, 60, 50);
        solid(dir, "4.png", 10, 240, 10);
        solid(dir, "5.png", 30, 220, 40);
        solid(dir, "6.png", 60, 200, 80);
        solid(dir, "7.png", 5, 10, 250);
        solid(dir, "8.png", 20, 40, 230);
        solid(dir, "9.png", 70, 60, 200);
        return dir;
    }

    static Path garbage(Path dir, String name) {
        try {
            return Files.write(dir.resolve(name), "this is not a picture at all".getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
