package dev.pinwall.embed;

import dev.pinwall.search.Vectors;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-time augmentation: each image is embedded as itself, its mirror image and its crop with the white border
 * trimmed off, and the three L2-normalised vectors are averaged. Three times the embedding cost of its backbone.
 * Owns and closes the backbone.
 */
public final class ViewAveragingEmbedder implements Embedder {
    /** A pixel whose channels are all at least this bright counts as white background. */
    static final int WHITE = 235;

    private final Embedder backbone;
    private final EmbedderInfo info;

    public ViewAveragingEmbedder(Embedder backbone) {
        this.backbone = backbone;
        EmbedderInfo b = backbone.info();
        this.info = new EmbedderInfo(b.id() + "+views", b.displayName() + " (mirror and trimmed views)",
                b.dimension(), b.preprocessingVersion());
    }

    @Override
    public EmbedderInfo info() {
        return info;
    }

    @Override
    public Session newSession() {
        Session session = backbone.newSession();
        return new Session() {
            @Override
            public float[][] embed(List<BufferedImage> images) throws EmbedException {
                List<BufferedImage> views = new ArrayList<>(images.size() * 3);
                for (BufferedImage image : images) {
                    views.add(image);
                    views.add(mirrored(image));
                    views.add(trimmed(image));
                }
                float[][] vectors = session.embed(views);
                float[][] out = new float[images.size()][];
                for (int i = 0; i < out.length; i++) {
                    float[] sum = new float[vectors[3 * i].length];
                    for (int v = 0; v < 3; v++) {
                        float[] unit = Vectors.normalised(vectors[3 * i + v]);
                        for (int d = 0; d < sum.length; d++) {
                            sum[d] += unit[d];
                        }
                    }
                    out[i] = sum;
                }
                return out;
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    @Override
    public void close() {
        backbone.close();
    }

    static BufferedImage mirrored(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        int[] flipped = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                flipped[x] = row[w - 1 - x];
            }
            out.setRGB(0, y, w, 1, flipped, 0, w);
        }
        return out;
    }

    /** The smallest box holding every pixel that is not near-white; the image itself when that is all of it. */
    static BufferedImage trimmed(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        int left = w;
        int right = -1;
        int top = h;
        int bottom = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = pixels[y * w + x];
                boolean white = ((p >> 16) & 0xff) >= WHITE && ((p >> 8) & 0xff) >= WHITE && (p & 0xff) >= WHITE;
                if (!white) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (right < 0 || (right - left + 1 == w && bottom - top + 1 == h)) {
            return image; // all white, or no border to trim
        }
        BufferedImage out = new BufferedImage(right - left + 1, bottom - top + 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, -left, -top, null);
        g.dispose();
        return out;
    }
}
