package dev.pinwall.embed;

import dev.pinwall.search.Vectors;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Two backbones as one embedder: each image's vector is the first backbone's L2-normalised vector followed by the
 * second's. The collection-aware similarity centres and weighs the two blocks separately ({@link #blockSizes()}).
 * Costs the sum of both models' embedding time. Owns and closes both embedders.
 */
public final class FusedEmbedder implements Embedder {
    private final Embedder first;
    private final Embedder second;
    private final EmbedderInfo info;

    public FusedEmbedder(Embedder first, Embedder second) {
        this.first = first;
        this.second = second;
        EmbedderInfo a = first.info();
        EmbedderInfo b = second.info();
        this.info = new EmbedderInfo("fused(" + a.storeKey() + "," + b.storeKey() + ")",
                a.displayName() + " + " + b.displayName(), a.dimension() + b.dimension(), 1);
    }

    /** Length of each backbone's block, in order. */
    public int[] blockSizes() {
        return new int[] {first.info().dimension(), second.info().dimension()};
    }

    @Override
    public EmbedderInfo info() {
        return info;
    }

    @Override
    public Session newSession() {
        Session a = first.newSession();
        Session b;
        try {
            b = second.newSession();
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
        return new Session() {
            @Override
            public float[][] embed(List<BufferedImage> images) throws EmbedException {
                float[][] x = a.embed(images);
                float[][] y = b.embed(images);
                float[][] out = new float[images.size()][];
                for (int i = 0; i < out.length; i++) {
                    out[i] = new float[x[i].length + y[i].length];
                    System.arraycopy(Vectors.normalised(x[i]), 0, out[i], 0, x[i].length);
                    System.arraycopy(Vectors.normalised(y[i]), 0, out[i], x[i].length, y[i].length);
                }
                return out;
            }

            @Override
            public void close() {
                try {
                    a.close();
                } finally {
                    b.close();
                }
            }
        };
    }

    @Override
    public void close() {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
