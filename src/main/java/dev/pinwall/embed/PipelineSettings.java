package dev.pinwall.embed;

/**
 * How the embedding pipeline uses the machine.
 *
 * @param workers       inference workers, each with its own {@link Embedder.Session}
 * @param batchSize     images per inference call
 * @param decodeThreads threads decoding files ahead of inference
 * @param decodeMinSide images are subsampled on read but keep at least this shorter side (0 = full size)
 */
public record PipelineSettings(int workers, int batchSize, int decodeThreads, int decodeMinSide) {

    public PipelineSettings {
        if (workers < 1 || batchSize < 1 || decodeThreads < 1) {
            throw new IllegalArgumentException("workers, batch size and decode threads must be at least 1");
        }
    }

    public PipelineSettings(int workers, int batchSize, int decodeThreads) {
        this(workers, batchSize, decodeThreads, DEFAULT_MIN_SIDE);
    }

    /** Twice a 224 model input: enough for antialiased downscaling, small enough to bound memory. */
    public static final int DEFAULT_MIN_SIDE = 448;

    /** Measured best on a 2-core machine with mobilenet_v2 (see {@code EmbedBench}). */
    public static PipelineSettings defaults() {
        return new PipelineSettings(1, 16, 1, DEFAULT_MIN_SIDE);
    }
}
