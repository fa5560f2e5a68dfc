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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Embeds many files: decoding runs ahead on its own threads, inference runs in batches on worker threads that
 * each own a {@link Embedder.Session}. Bad files are reported once with their reason and never stop the run;
 * a batch the model rejects is retried image by image to isolate the culprit. Cancellation stops after the
 * batches in flight; everything already handed to the sink stays valid.
 */
public final class EmbeddingPipeline {
    private final Embedder embedder;
    private final PipelineSettings settings;

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
        int batchSize = settings.batchSize();
        int batches = (files.size() + batchSize - 1) / batchSize;
        if (batches == 0) {
            return;
        }
        ExecutorService decoders = Executors.newFixedThreadPool(settings.decodeThreads(), daemon("pinwall-decode"));
        List<CompletableFuture<Decoded>> decoded = new ArrayList<>(files.size());
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<RuntimeException> sinkFailure = new AtomicReference<>();
        Object sinkLock = new Object();
        // Decoding stays a bounded number of batches ahead of inference, so memory does not grow with the run.
        int lookahead = settings.workers() + 1;
        Object feedLock = new Object();
        int[] submitted = {0};
        java.util.function.IntConsumer submitUpToBatch = batch -> {
            synchronized (feedLock) {
                int limit = Math.min(files.size(), (batch + 1) * batchSize);
                while (submitted[0] < limit) {
                    Path file = files.get(submitted[0]++);
                    decoded.add(CompletableFuture.supplyAsync(() -> decode(file, cancel), decoders));
                }
            }
        };
        List<Thread> workers = new ArrayList<>();
        try {
            for (int w = 0; w < Math.min(settings.workers(), batches); w++) {
                Thread t = new Thread(() -> {
                    try (Embedder.Session session = embedder.newSession()) {
                        while (!cancel.isCancelled() && sinkFailure.get() == null) {
                            int b = nextBatch.getAndIncrement();
                            if (b >= batches) {
                                break;
                            }
                            submitUpToBatch.accept(Math.min(batches - 1, b + lookahead));
                            List<CompletableFuture<Decoded>> mine;
                            synchronized (feedLock) {
                                int from = b * batchSize;
                                int to = Math.min(files.size(), (b + 1) * batchSize);
                                mine = new ArrayList<>(decoded.subList(from, to));
                                // Drop our references so decoded images are freed once this batch is done.
                                for (int i = from; i < to; i++) {
                                    decoded.set(i, null);
                                }
                            }
                            BatchResult result = embedBatch(session, mine);
                            synchronized (sinkLock) {
                                if (sinkFailure.get() != null) {
                                    break;
                                }
                                try {
                                    sink.accept(result.vectors, result.failures);
                                    int handled = result.vectors.size() + result.failures.size();
                                    progress.update(done.addAndGet(handled), files.size());
                                } catch (RuntimeException e) {
                                    sinkFailure.set(e);
                                }
                            }
                        }
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
        if (sinkFailure.get() != null) {
            throw sinkFailure.get();
        }
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

    private static BatchResult embedBatch(Embedder.Session session, List<CompletableFuture<Decoded>> futures) {
        List<Embedded> vectors = new ArrayList<>();
        Map<Path, String> failures = new LinkedHashMap<>();
        List<Decoded> good = new ArrayList<>();
        for (CompletableFuture<Decoded> f : futures) {
            Decoded d = await(f);
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

    private static Decoded await(CompletableFuture<Decoded> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
