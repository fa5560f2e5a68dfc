package dev.pinwall.embed;

import dev.pinwall.decode.Resampler;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A built-in descriptor that needs no model weights and is always available: a foreground-weighted HSV colour
 * histogram, a coarse silhouette (where the object is) and a grid of edge-orientation histograms (its shape
 * and texture). Each block is L2-normalised and weighted, so a dot product of normalised vectors mixes the
 * three similarities in fixed proportions. The background is estimated from the image border, which
 * discounts the plain (usually white) background of product photos.
 */
public final class ColourTextureEmbedder implements Embedder {
    public static final String ID = "builtin-colour-texture";
    /** Bump when the descriptor's computation changes. */
    public static final int VERSION = 1;

    private static final int SIZE = 96;
    private static final int HUE_BINS = 12;
    private static final int SAT_BINS = 3;
    private static final int VAL_BINS = 3;
    private static final int GREY_BINS = 4;
    private static final int COLOUR_DIM = HUE_BINS * SAT_BINS * VAL_BINS + GREY_BINS;
    private static final int LAYOUT_GRID = 8;
    private static final int EDGE_GRID = 4;
    private static final int ORIENTATIONS = 9;
    private static final int DIMENSION = COLOUR_DIM + LAYOUT_GRID * LAYOUT_GRID + EDGE_GRID * EDGE_GRID * ORIENTATIONS;

    private final float colourWeight;
    private final float layoutWeight;
    private final float edgeWeight;

    public ColourTextureEmbedder() {
        this(0.6f, 0.6f, 0.8f);
    }

    /** Block weights (relative; only their ratios matter for cosine similarity). */
    ColourTextureEmbedder(float colourWeight, float layoutWeight, float edgeWeight) {
        this.colourWeight = colourWeight;
        this.layoutWeight = layoutWeight;
        this.edgeWeight = edgeWeight;
    }

    @Override
    public EmbedderInfo info() {
        return new EmbedderInfo(ID, "Built-in colour/texture descriptor", DIMENSION, VERSION);
    }

    @Override
    public Session newSession() {
        return new Session() {
            @Override
            public float[][] embed(List<BufferedImage> images) {
                float[][] out = new float[images.size()][];
                for (int i = 0; i < out.length; i++) {
                    out[i] = describe(images.get(i));
                }
                return out;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }

    float[] describe(BufferedImage image) {
        int[] px = Resampler.resize(Resampler.pixels(image), image.getWidth(), image.getHeight(), SIZE, SIZE);
        int n = SIZE * SIZE;
        float[] r = new float[n];
        float[] g = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = ((px[i] >> 16) & 0xFF) / 255f;
            g[i] = ((px[i] >> 8) & 0xFF) / 255f;
            b[i] = (px[i] & 0xFF) / 255f;
        }
        float[] fg = foreground(r, g, b);
        float[] out = new float[DIMENSION];
        colour(r, g, b, fg, out, 0);
        layout(fg, out, COLOUR_DIM);
        edges(r, g, b, out, COLOUR_DIM + LAYOUT_GRID * LAYOUT_GRID);
        scaleBlock(out, 0, COLOUR_DIM, colourWeight);
        scaleBlock(out, COLOUR_DIM, LAYOUT_GRID * LAYOUT_GRID, layoutWeight);
        scaleBlock(out, COLOUR_DIM + LAYOUT_GRID * LAYOUT_GRID, EDGE_GRID * EDGE_GRID * ORIENTATIONS, edgeWeight);
        return out;
    }

    /** 0..1 per pixel: how far it is from the background colour estimated on the border. */
    private static float[] foreground(float[] r, float[] g, float[] b) {
        double br = 0;
        double bg = 0;
        double bb = 0;
        int count = 0;
        for (int i = 0; i < SIZE; i++) {
            for (int idx : new int[]{i, (SIZE - 1) * SIZE + i, i * SIZE, i * SIZE + SIZE - 1}) {
                br += r[idx];
                bg += g[idx];
                bb += b[idx];
                count++;
            }
        }
        float mr = (float) (br / count);
        float mg = (float) (bg / count);
        float mb = (float) (bb / count);
        float[] fg = new float[r.length];
        double total = 0;
        for (int i = 0; i < fg.length; i++) {
            float d = Math.max(Math.abs(r[i] - mr), Math.max(Math.abs(g[i] - mg), Math.abs(b[i] - mb)));
            fg[i] = Math.min(1f, Math.max(0f, (d - 0.05f) / 0.15f));
            total += fg[i];
        }
        if (total < 0.02 * fg.length) {
            // Nothing stands out from the border (a texture, a close-up): use the whole image.
            java.util.Arrays.fill(fg, 1f);
        }
        return fg;
    }

    private static void colour(float[] r, float[] g, float[] b, float[] fg, float[] out, int offset) {
        for (int i = 0; i < r.length; i++) {
            if (fg[i] <= 0) {
                continue;
            }
            float max = Math.max(r[i], Math.max(g[i], b[i]));
            float min = Math.min(r[i], Math.min(g[i], b[i]));
            float v = max;
            float s = max > 0 ? (max - min) / max : 0;
            int bin;
            if (s < 0.15f || v < 0.12f) {
                bin = HUE_BINS * SAT_BINS * VAL_BINS + Math.min(GREY_BINS - 1, (int) (v * GREY_BINS));
            } else {
                float h = hue(r[i], g[i], b[i], max, min);
                int hb = Math.min(HUE_BINS - 1, (int) (h * HUE_BINS));
                int sb = s < 0.4f ? 0 : s < 0.7f ? 1 : 2;
                int vb = Math.min(VAL_BINS - 1, (int) ((v - 0.12f) / 0.88f * VAL_BINS));
                bin = (hb * SAT_BINS + sb) * VAL_BINS + vb;
            }
            out[offset + bin] += fg[i];
        }
        // Square roots turn the histogram into a Hellinger embedding: dominant colours do not swamp the rest.
        for (int i = 0; i < COLOUR_DIM; i++) {
            out[offset + i] = (float) Math.sqrt(out[offset + i]);
        }
        normalise(out, offset, COLOUR_DIM);
    }

    private static float hue(float r, float g, float b, float max, float min) {
        float d = max - min;
        if (d <= 0) {
            return 0;
        }
        float h;
        if (max == r) {
            h = ((g - b) / d) % 6f;
        } else if (max == g) {
            h = (b - r) / d + 2f;
        } else {
            h = (r - g) / d + 4f;
        }
        h /= 6f;
        return h < 0 ? h + 1 : h;
    }

    private static void layout(float[] fg, float[] out, int offset) {
        int cell = SIZE / LAYOUT_GRID;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                out[offset + (y / cell) * LAYOUT_GRID + x / cell] += fg[y * SIZE + x];
            }
        }
        normalise(out, offset, LAYOUT_GRID * LAYOUT_GRID);
    }

    /** Magnitude-weighted, unsigned gradient orientations per cell of a coarse grid (HOG-like). */
    private static void edges(float[] r, float[] g, float[] b, float[] out, int offset) {
        float[] lum = new float[r.length];
        for (int i = 0; i < lum.length; i++) {
            lum[i] = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        }
        int cell = SIZE / EDGE_GRID;
        for (int y = 1; y < SIZE - 1; y++) {
            for (int x = 1; x < SIZE - 1; x++) {
                float gx = lum[y * SIZE + x + 1] - lum[y * SIZE + x - 1];
                float gy = lum[(y + 1) * SIZE + x] - lum[(y - 1) * SIZE + x];
                float magnitude = (float) Math.sqrt(gx * gx + gy * gy);
                if (magnitude < 1e-3f) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                if (angle < 0) {
                    angle += Math.PI;
                }
                double pos = angle / Math.PI * ORIENTATIONS - 0.5;
                int lo = (int) Math.floor(pos);
                float frac = (float) (pos - lo);
                int base = offset + ((y / cell) * EDGE_GRID + x / cell) * ORIENTATIONS;
                out[base + Math.floorMod(lo, ORIENTATIONS)] += magnitude * (1 - frac);
                out[base + Math.floorMod(lo + 1, ORIENTATIONS)] += magnitude * frac;
            }
        }
        int dim = EDGE_GRID * EDGE_GRID * ORIENTATIONS;
        for (int i = 0; i < dim; i++) {
            out[offset + i] = (float) Math.sqrt(out[offset + i]);
        }
        normalise(out, offset, dim);
    }

    private static void normalise(float[] v, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += v[i] * v[i];
        }
        if (sum <= 0) {
            return;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = offset; i < offset + length; i++) {
            v[i] *= inv;
        }
    }

    private static void scaleBlock(float[] v, int offset, int length, float weight) {
        for (int i = offset; i < offset + length; i++) {
            v[i] *= weight;
        }
    }
}
