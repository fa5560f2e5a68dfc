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

    /**
     * The batch size for a run of this many files: the configured one, smaller for a small run so that each
     * worker gets about four batches (progress moves and a cancel answers sooner, and no worker sits idle).
     */
    public int batchSizeFor(int files) {
        int perWorkerBatches = 4;
        return Math.max(1, Math.min(batchSize, (files + workers * perWorkerBatches - 1) / (workers * perWorkerBatches)));
    }

    /** Decoded images waiting for a worker: one batch ready per worker plus one being formed. */
    public int queueCapacity() {
        return batchSize * (workers + 1);
    }

    /**
     * The most decoded images a run holds at once: the queue, one image per decoder waiting to enter it, and the
     * batches being embedded. About 1 MB each at the default decode size.
     */
    public int maxHeldImages() {
        return queueCapacity() + decodeThreads + workers * batchSize;
    }

    /**
     * Sized from the cores: one inference worker per core, each with one engine thread (libtorch's
     * {@code num_threads} and ONNX Runtime's intra-op threads are set to 1), one decoder per two cores, and
     * batches of 8. Measured on 2 cores with MobileNetV2 (see docs/ARCHITECTURE.md, "Throughput choices").
     */
    public static PipelineSettings defaults() {
        return forCores(Runtime.getRuntime().availableProcessors());
    }

    /** The defaults for a machine with this many cores. */
    public static PipelineSettings forCores(int cores) {
        int n = Math.max(1, cores);
        return new PipelineSettings(n, 16, Math.max(1, n / 2), DEFAULT_MIN_SIDE);
    }
}
