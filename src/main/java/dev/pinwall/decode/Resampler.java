package dev.pinwall.decode;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Separable bilinear resampling with PIL's semantics: when shrinking, the triangle filter is widened by the
 * scale factor so every source pixel contributes (area-style antialiasing). Horizontal pass first, 8-bit
 * rounding between passes and 22-bit fixed-point weights, as Pillow does, so model inputs match the
 * reference preprocessing closely.
 */
public final class Resampler {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private Resampler() {
    }

    /** Resizes to exactly {@code width} x {@code height} (aspect ratio not kept). Returns a TYPE_INT_RGB image. */
    public static BufferedImage resize(BufferedImage src, int width, int height) {
        int[] rgb = resize(pixels(src), src.getWidth(), src.getHeight(), width, height);
        return fromPixels(rgb, width, height);
    }

    /**
     * Resizes packed 0xRRGGBB pixels ({@code sw} x {@code sh}, row-major) to {@code dw} x {@code dh}.
     * Returns the input array itself when the size does not change.
     */
    public static int[] resize(int[] src, int sw, int sh, int dw, int dh) {
        if (dw <= 0 || dh <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + dw + "x" + dh);
        }
        int[] horizontal = sw == dw ? src : horizontal(src, sw, sh, dw);
        return sh == dh ? horizontal : vertical(horizontal, dw, sh, dh);
    }

    /** The pixels of an image as packed 0xRRGGBB, without copying when it is already TYPE_INT_RGB. */
    public static int[] pixels(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0
                && buffer.getData().length == image.getWidth() * image.getHeight()) {
            return buffer.getData();
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] out = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < out.length; i++) {
            out[i] &= 0xFFFFFF;
        }
        return out;
    }

    /** Wraps packed 0xRRGGBB pixels as a TYPE_INT_RGB image (no copy). */
    public static BufferedImage fromPixels(int[] rgb, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(rgb, 0, data, 0, width * height);
        return image;
    }

    /** Per-output-pixel source window (start, length) and fixed-point weights. */
    private record Coefficients(int[] start, int[] length, int[] weights, int kernelSize) {
    }

    private static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the bilinear (triangle) filter has support 1
        int kernelSize = (int) Math.ceil(support) * 2 + 1;
        int[] start = new int[outSize];
        int[] length = new int[outSize];
        int[] weights = new int[outSize * kernelSize];
        double[] k = new double[kernelSize];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max(0, (int) (center - support + 0.5));
            int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
            double sum = 0;
            for (int x = 0; x < xmax; x++) {
                double t = Math.abs((x + xmin - center + 0.5) / filterScale);
                double w = t < 1.0 ? 1.0 - t : 0.0;
                k[x] = w;
                sum += w;
            }
            for (int x = 0; x < xmax; x++) {
                double w = sum != 0.0 ? k[x] / sum : k[x];
                weights[xx * kernelSize + x] = (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS)
                        : 0.5 + w * (1 << PRECISION_BITS));
            }
            start[xx] = xmin;
            length[xx] = xmax;
        }
        return new Coefficients(start, length, weights, kernelSize);
    }

    private static int clip8(int accumulator) {
        int v = accumulator >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static int[] horizontal(int[] src, int sw, int sh, int dw) {
        Coefficients c = coefficients(sw, dw);
        int[] out = new int[dw * sh];
        int half = 1 << (PRECISION_BITS - 1);
        for (int y = 0; y < sh; y++) {
            int row = y * sw;
            for (int x = 0; x < dw; x++) {
                int r = half;
                int g = half;
                int b = half;
                int base = x * c.kernelSize;
                int s = row + c.start[x];
                for (int i = 0, n = c.length[x]; i < n; i++) {
                    int w = c.weights[base + i];
                    int p = src[s + i];
                    r += ((p >> 16) & 0xFF) * w;
                    g += ((p >> 8) & 0xFF) * w;
                    b += (p & 0xFF) * w;
                }
                out[y * dw + x] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
            }
        }
        return out;
    }

    private static int[] vertical(int[] src, int w, int sh, int dh) {
        Coefficients c = coefficients(sh, dh);
        int[] out = new int[w * dh];
        int half = 1 << (PRECISION_BITS - 1);
        for (int y = 0; y < dh; y++) {
            int base = y * c.kernelSize;
            int start = c.start[y];
            int n = c.length[y];
            for (int x = 0; x < w; x++) {
                int r = half;
                int g = half;
                int b = half;
                for (int i = 0; i < n; i++) {
                    int wt = c.weights[base + i];
                    int p = src[(start + i) * w + x];
                    r += ((p >> 16) & 0xFF) * wt;
                    g += ((p >> 8) & 0xFF) * wt;
                    b += (p & 0xFF) * wt;
                }
                out[y * w + x] = (clip8(r) << 16) | (clip8(g) << 8) | clip8(b);
            }
        }
        return out;
    }
}
