package dev.pinwall.duplicates;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes the kinds of copy a photo collection picks up: re-encoded, resized, lightly cropped, mirrored, and all of the
 * first three at once. Every copy is a JPEG named {@code STEM_KIND.jpg}; the parameters are drawn from the given
 * random source, so a seed gives the same copies.
 */
final class CopyMaker {
    /** The kinds of copy, with the letter used in file names. */
    enum Kind {
        REENCODED, RESIZED, CROPPED, MIRRORED, COMBINED;

        String suffix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record Copy(Path original, Path file, Kind kind) {
    }

    private CopyMaker() {
    }

    /** Writes one copy of each kind of {@code original} into {@code folder}. */
    static List<Copy> copies(Path original, Path folder, Random random) throws IOException {
        BufferedImage image = ImageIO.read(original.toFile());
        if (image == null) {
            throw new IOException("cannot read " + original);
        }
        image = rgb(image);
        String stem = original.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Files.createDirectories(folder);
        List<Copy> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            BufferedImage copy;
            float quality = 0.90f;
            switch (kind) {
                case REENCODED -> {
                    copy = image;
                    quality = quality(random);
                }
                case RESIZED -> copy = resize(image, 0.5 + 0.3 * random.nextDouble());
                case CROPPED -> copy = crop(image, random);
                case MIRRORED -> copy = mirror(image);
                default -> {
                    copy = resize(crop(image, random), 0.5 + 0.3 * random.nextDouble());
                    quality = quality(random);
                }
            }
            Path file = folder.resolve(stem + "_" + kind.suffix() + ".jpg");
            writeJpeg(copy, file, quality);
            out.add(new Copy(original, file, kind));
        }
        return out;
    }

    /** JPEG quality 60 to 90. */
    private static float quality(Random random) {
        return 0.60f + 0.30f * random.nextFloat();
    }

    private static BufferedImage rgb(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage resize(BufferedImage image, double factor) {
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** Cuts 0 to 5 % off each side: at most 10 % of the width and of the height. */
    static BufferedImage crop(BufferedImage image, Random random) {
        int w = image.getWidth();
        int h = image.getHeight();
        int left = (int) (w * 0.05 * random.nextDouble());
        int right = (int) (w * 0.05 * random.nextDouble());
        int top = (int) (h * 0.05 * random.nextDouble());
        int bottom = (int) (h * 0.05 * random.nextDouble());
        return rgb(image.getSubimage(left, top, w - left - right, h - top - bottom));
    }

    static BufferedImage mirror(BufferedImage image) {
        int w = image.getWidth();
        BufferedImage out = new BufferedImage(w, image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(w - 1 - x, y, image.getRGB(x, y));
            }
        }
        return out;
    }

    static void writeJpeg(BufferedImage image, Path file, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
