package dev.pinwall.ui;

import dev.pinwall.embed.EmbedException;
import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.EmbedderInfo;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny deterministic embedder for tests: the mean red, green and blue of the image, so solid reds are neighbours
 * of reds. It can be made slow (a delay per image) and held at a gate until a test opens it.
 */
final class ColourEmbedder implements Embedder {
    private final String id;
    private final long millisPerImage;
    private final CountDownLatch gate;
    final AtomicInteger embedded = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();
    /** Runs after each batch, on the embedding thread (a test stops the run from here). */
    volatile Runnable afterBatch = () -> { };

    ColourEmbedder(String id, long millisPerImage, CountDownLatch gate) {
        this.id = id;
        this.millisPerImage = millisPerImage;
        this.gate = gate;
    }

    static ColourEmbedder fast() {
        return new ColourEmbedder("test-mean-rgb", 0, new CountDownLatch(0));
    }

    @Override
    public EmbedderInfo info() {
        return new EmbedderInfo(id, "Mean colour (" + id + ")", 3, 1);
    }

    @Override
    public Session newSession() {
        return new Session() {
            @Override
            public float[][] embed(List<BufferedImage> images) throws EmbedException {
                try {
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new EmbedException("test gate never opened");
                    }
                    Thread.sleep(millisPerImage * images.size());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbedException("interrupted", e);
                }
                float[][] out = new float[images.size()][];
                for (int i = 0; i < images.size(); i++) {
                    out[i] = meanRgb(images.get(i));
                    embedded.incrementAndGet();
                }
                afterBatch.run();
                return out;
            }

            @Override
            public void close() {
            }
        };
    }

    static float[] meanRgb(BufferedImage image) {
        double r = 0, g = 0, b = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xff;
                g += (rgb >> 8) & 0xff;
                b += rgb & 0xff;
                n++;
            }
        }
        // a small constant keeps black from being a zero vector
        return new float[]{(float) (r / n) + 1, (float) (g / n) + 1, (float) (b / n) + 1};
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
