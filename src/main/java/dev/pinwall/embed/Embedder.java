package dev.pinwall.embed;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Turns images into feature vectors. An embedder owns its model; the work happens in {@link Session}s,
 * one per worker thread, because DJL predictors are not thread-safe.
 */
public interface Embedder extends AutoCloseable {

    /** What this embedder is; {@link EmbedderInfo#storeKey()} keys its vectors in the store. */
    EmbedderInfo info();

    /** A thread-confined session; close it on the thread that used it. */
    Session newSession();

    /** Releases the model. Sessions must be closed first. */
    @Override
    void close();

    /** Embeds batches of decoded images on one thread. */
    interface Session extends AutoCloseable {
        /**
         * Embeds a batch. Images are decoded RGB images of any size; the session applies the model's own
         * preprocessing (resize, scaling, normalisation). Returns one raw, not yet normalised vector per image.
         */
        float[][] embed(List<BufferedImage> images) throws EmbedException;

        @Override
        void close();
    }
}
