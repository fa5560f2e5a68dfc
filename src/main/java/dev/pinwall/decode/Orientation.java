package dev.pinwall.decode;

import java.awt.image.BufferedImage;

/** Applies an EXIF orientation (1..8) so the image appears upright. */
final class Orientation {
    private Orientation() {
    }

    static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] src = Resampler.pixels(image);
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] out = new int[ow * oh];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }            // mirror horizontally
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }    // rotate 180
                    case 4 -> { tx = x; ty = h - 1 - y; }            // mirror vertically
                    case 5 -> { tx = y; ty = x; }                    // transpose
                    case 6 -> { tx = h - 1 - y; ty = x; }            // rotate 90 clockwise
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }    // transverse
                    default -> { tx = y; ty = w - 1 - x; }           // 8: rotate 90 counter-clockwise
                }
                out[ty * ow + tx] = src[y * w + x];
            }
        }
        return Resampler.fromPixels(out, ow, oh);
    }
}
