package dev.pinwall.embed;

import dev.pinwall.decode.DecodeException;
import dev.pinwall.decode.ImageDecoder;
import dev.pinwall.task.Cancellation;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Embeds many files: decoder threads fill a bounded queue of decoded images while worker threads, each owning an
 * {@link Embedder.Session}, take whole batches from it and run inference, so decoding overlaps inference and memory
 * stays bounded ({@link PipelineSettings#maxHeldImages()}) whatever the number of files. Bad files are reported once with their reason and never stop the run;
 * a batch the model rejects is retried image by image to isolate the culprit. Cancellation stops after the
 * batches in flight; everything already handed to the sink stays valid.
 */
public final class EmbeddingPipeline {
    private final Embedder embedder;
    private final PipelineSettings settings;
    /** Decoded images held by the run (decoded, not yet embedded) and the most seen at once, for tests. */
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger peakHeld = new AtomicInteger();

    /** One embedded file: its raw (not normalised) vector. */
    public record Embedded(Path file, float[] vector) {
    }

    /**
     * Receives results batch by batch. Called from worker threads but never concurrently, so one call can be
     * one store transaction.
     */
    @FunctionalInterface
    public interface BatchSink {
        void accept(List<Embedded> vectors, Map<Path, String> failures);
    }

    /** Progress in files handled (embedded or failed) out of the total; called like the sink, serially. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);
    }

    public EmbeddingPipeline(Embedder embedder, PipelineSettings settings) {
        this.embedder = embedder;
        this.settings = settings;
    }

    public void run(List<Path> files, BatchSink sink, Cancellation cancel) {
        run(files, sink, (done, total) -> { }, cancel);
    }

    /**
     * Embeds {@code files} and blocks until all are handled or the run is cancelled. An exception thrown by
     * the sink stops the run and is rethrown here.
     */
    public void run(List<Path> files, BatchSink sink, Progress progress, Cancellation cancel) {
        int batchSize = settings.batchSizeFor(files.size());
        int batches = (files.size() + batchSize - 1) / batchSize;
        if (batches == 0) {
            return;
        }
        // Decoders fill a bounded queue while the workers run the previous batches: decoding overlaps inference,
        // and at most queueCapacity() decoded images wait, whatever the size of the run.
        BlockingQueue<Decoded> queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        AtomicInteger nextFile = new AtomicInteger();
        ExecutorService decoders = Executors.newFixedThreadPool(settings.decodeThreads(), daemon("pinwall-decode"));
        for (int d = 0; d < settings.decodeThreads(); d++) {
            decoders.execute(() -> {
                try {
                    for (int i = nextFile.getAndIncrement(); i < files.size(); i = nextFile.getAndIncrement()) {
                        Decoded decoded = decode(files.get(i), cancel);
                        held(decoded.image != null ? 1 : 0);
                        queue.put(decoded);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the run is over: workers stopped taking
                }
            });
        }
        AtomicInteger taken = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Object takeLock = new Object();
        Object sinkLock = new Object();
        List<Thread> workers = new ArrayList<>();
        try {
            for (int w = 0; w < Math.min(settings.workers(), batches); w++) {
                Thread t = new Thread(() -> {
                    try (Embedder.Session session = embedder.newSession()) {
                        while (!cancel.isCancelled() && failure.get() == null) {
                            List<Decoded> mine = new ArrayList<>(batchSize);
                            // One worker forms a whole batch at a time, so batches stay full until the last.
                            synchronized (takeLock) {
                                while (mine.size() < batchSize && taken.get() < files.size()) {
                                    mine.add(queue.take());
                                    taken.incrementAndGet();
                                }
                            }
                            if (mine.isEmpty()) {
                                break;
                            }
                            BatchResult result = embedBatch(session, mine);
                            held(-(int) mine.stream().filter(d -> d.image != null).count());
                            synchronized (sinkLock) {
                                if (failure.get() != null) {
                                    break;
                                }
                                try {
                                    sink.accept(result.vectors, result.failures);
                                    int handled = result.vectors.size() + result.failures.size();
                                    progress.update(done.addAndGet(handled), files.size());
                                } catch (RuntimeException e) {
                                    failure.set(e);
                                }
                            }
                        }
                    } catch (InterruptedException e) {
                        failure.compareAndSet(null, new IllegalStateException("embedding interrupted", e));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }, "pinwall-embed-" + w);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            for (Thread t : workers) {
                joinUninterruptibly(t);
            }
        } finally {
            decoders.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void held(int change) {
        peakHeld.accumulateAndGet(held.addAndGet(change), Math::max);
    }

    /**
     * The most decoded images this pipeline held at once (waiting in the queue, being handed over, or in a batch
     * being embedded): at most {@link PipelineSettings#maxHeldImages()}.
     */
    int peakHeldImages() {
        return peakHeld.get();
    }

    private Decoded decode(Path file, Cancellation cancel) {
        if (cancel.isCancelled()) {
            return new Decoded(file, null, null); // skipped: neither embedded nor failed
        }
        try {
            return new Decoded(file, ImageDecoder.decode(file, settings.decodeMinSide()), null);
        } catch (DecodeException e) {
            return new Decoded(file, null, e.getMessage());
        } catch (RuntimeException | OutOfMemoryError e) {
            return new Decoded(file, null, "could not decode: " + e);
        }
    }

    private record Decoded(Path file, BufferedImage image, String failure) {
    }

    private record BatchResult(List<Embedded> vectors, Map<Path, String> failures) {
    }

    private static BatchResult embedBatch(Embedder.Session session, List<Decoded> batch) {
        List<Embedded> vectors = new ArrayList<>();
        Map<Path, String> failures = new LinkedHashMap<>();
        List<Decoded> good = new ArrayList<>();
        for (Decoded d : batch) {
            if (d.image != null) {
                good.add(d);
            } else if (d.failure != null) {
                failures.put(d.file, d.failure);
            }
        }
        if (good.isEmpty()) {
            return new BatchResult(vectors, failures);
        }
        try {
            float[][] out = session.embed(good.stream().map(Decoded::image).toList());
            if (out.length != good.size()) {
                throw new EmbedException("the model returned " + out.length + " vectors for " + good.size() + " images");
            }
            for (int i = 0; i < good.size(); i++) {
                accept(good.get(i).file, out[i], vectors, failures);
            }
        } catch (EmbedException | RuntimeException batchFailure) {
            // Find the image the model rejects; the others still get their vectors.
            for (Decoded d : good) {
                try {
                    accept(d.file, session.embed(List.of(d.image))[0], vectors, failures);
                } catch (EmbedException | RuntimeException e) {
                    failures.put(d.file, e.getMessage() == null ? "could not embed" : e.getMessage());
                }
            }
        }
        return new BatchResult(vectors, failures);
    }

    /** A vector with NaN or infinity would poison every later query: the file fails instead. */
    private static void accept(Path file, float[] vector, List<Embedded> vectors, Map<Path, String> failures) {
        if (vector == null || vector.length == 0) {
            failures.put(file, "the model returned no features for this image");
        } else if (!isFinite(vector)) {
            failures.put(file, NON_FINITE);
        } else {
            vectors.add(new Embedded(file, vector));
        }
    }

    /** Why an image fails when its vector holds NaN or infinity. */
    public static final String NON_FINITE = "the model returned values that are not finite numbers (NaN or infinity)";

    /** True when every value is a finite number. */
    public static boolean isFinite(float[] vector) {
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
