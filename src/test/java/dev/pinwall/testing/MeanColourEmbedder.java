package dev.pinwall.testing;

import dev.pinwall.embed.EmbedException;
import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.EmbedderInfo;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny deterministic embedder for tests: the mean red, green and blue of an image, centred on grey, so
 * solid-colour test images have known neighbours. Counts what it embeds, and can be slowed down.
 */
public final class MeanColourEmbedder implements Embedder {
    private final String id;
    private final AtomicInteger embedded = new AtomicInteger();
    private final AtomicInteger openSessions = new AtomicInteger();
    private volatile long millisPerImage;

    public MeanColourEmbedder() {
        this("mean-colour");
    }

    public MeanColourEmbedder(String id) {
        this.id = id;
    }

    /** Makes every image take this long, to test progress and cancellation. */
    public MeanColourEmbedder slowedTo(long millisPerImage) {
        this.millisPerImage = millisPerImage;
        return this;
    }

    /** How many images all sessions have embedded so far. */
    public int embeddedCount() {
        return embedded.get();
    }

    public int openSessions() {
        return openSessions.get();
    }

    @Override
    public EmbedderInfo info() {
        return new EmbedderInfo(id, "Mean colour (test)", 3, 1);
    }

    @Override
    public Session newSession() {
        openSessions.incrementAndGet();
        return new Session() {
            @Override
            public float[][] embed(List<BufferedImage> images) throws EmbedException {
                float[][] out = new float[images.size()][];
                for (int i = 0; i < images.size(); i++) {
                    if (millisPerImage > 0) {
                        try {
                            Thread.sleep(millisPerImage);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new EmbedException("interrupted");
                        }
                    }
                    out[i] = meanColour(images.get(i));
                    embedded.incrementAndGet();
                }
                return out;
            }

            @Override
            public void close() {
                openSessions.decrementAndGet();
            }
        };
    }

    /** Mean RGB in [-0.5, 0.5]: grey is the origin, so hues point in different directions. */
    public static float[] meanColour(BufferedImage image) {
        double r = 0, g = 0, b = 0;
        int n = image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xff;
                g += (rgb >> 8) & 0xff;
                b += rgb & 0xff;
            }
        }
        return new float[]{(float) (r / n / 255 - 0.5), (float) (g / n / 255 - 0.5), (float) (b / n / 255 - 0.5)};
    }

    @Override
    public void close() {
    }
}
