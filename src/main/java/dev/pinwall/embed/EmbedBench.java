package dev.pinwall.embed;

import dev.pinwall.task.Cancellation;

import ai.djl.inference.Predictor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * End-to-end embedding throughput (decode + preprocess + inference) over a folder of images, for a grid of
 * batch sizes and worker counts. libtorch's thread counts are fixed when the engine starts, so compare them
 * across runs with {@code -Dai.djl.pytorch.num_threads=N -Dai.djl.pytorch.num_interop_threads=M}.
 *
 * <pre>EmbedBench MODEL(.pt|.json|builtin) IMAGE_FOLDER [count=800] [batches=1,8,16,32] [workers=1,2] [decodeThreads=1]</pre>
 */
public final class EmbedBench {
    private EmbedBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbedBench MODEL IMAGE_FOLDER [count] [batches] [workers] [decodeThreads]");
            System.exit(2);
        }
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 800;
        List<Integer> batches = ints(args.length > 3 ? args[3] : "1,8,16,32");
        List<Integer> workers = ints(args.length > 4 ? args[4] : "1,2");
        int decodeThreads = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        List<Path> files = images(Path.of(args[1]), count);
        try (Embedder embedder = "builtin".equals(args[0])
                ? new ColourTextureEmbedder() : TorchScriptEmbedder.load(Path.of(args[0]))) {
            System.out.printf(Locale.ROOT, "model %s, %d images, torch threads %s/%s, decode threads %d%n",
                    embedder.info().id(), files.size(), System.getProperty("ai.djl.pytorch.num_threads", "default"),
                    System.getProperty("ai.djl.pytorch.num_interop_threads", "default"), decodeThreads);
            // Warm-up: first inferences pay for graph optimisation and allocator growth.
            run(embedder, files.subList(0, Math.min(64, files.size())), new PipelineSettings(1, 16, decodeThreads));
            System.out.println("batch workers images/s");
            for (int w : workers) {
                for (int b : batches) {
                    double rate = run(embedder, files, new PipelineSettings(w, b, decodeThreads));
                    System.out.printf(Locale.ROOT, "%5d %7d %8.1f%n", b, w, rate);
                }
            }
        }
    }

    /** Runs the pipeline once and returns images per second. */
    public static double run(Embedder embedder, List<Path> files, PipelineSettings settings) {
        AtomicInteger embedded = new AtomicInteger();
        long start = System.nanoTime();
        new EmbeddingPipeline(embedder, settings).run(files, (vectors, failures) -> embedded.addAndGet(vectors.size()),
                Cancellation.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        return embedded.get() / seconds;
    }

    /**
     * Inference alone with the pipeline's workers and batch size: each worker runs its own predictor on ready
     * tensors (preprocessed once from {@code sample}, split into engine calls as sessions split them), so decoding
     * and preprocessing cost nothing. Embedders
     * without tensors (the built-in descriptor) get pre-decoded images instead. Returns images per second.
     */
    public static double inferenceOnly(Embedder embedder, List<BufferedImage> sample, PipelineSettings settings,
                                       int images) throws EmbedException {
        List<BufferedImage> batchImages = new ArrayList<>();
        for (int i = 0; i < settings.batchSize(); i++) {
            batchImages.add(sample.get(i % sample.size()));
        }
        int perWorker = Math.max(1, images / (settings.workers() * settings.batchSize()));
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(settings.workers());
        CountDownLatch go = new CountDownLatch(1);
        for (int w = 0; w < settings.workers(); w++) {
            threads.add(new Thread(() -> {
                try {
                    if (embedder instanceof TorchScriptEmbedder engine) {
                        List<TensorBatch> calls = engine.tensors(batchImages);
                        try (Predictor<TensorBatch, float[][]> predictor = engine.newPredictor()) {
                            predictor.predict(calls.get(0)); // warm this predictor
                            ready.countDown();
                            go.await();
                            for (int i = 0; i < perWorker; i++) {
                                for (TensorBatch call : calls) {
                                    predictor.predict(call);
                                }
                            }
                        }
                    } else {
                        try (Embedder.Session session = embedder.newSession()) {
                            session.embed(batchImages);
                            ready.countDown();
                            go.await();
                            for (int i = 0; i < perWorker; i++) {
                                session.embed(batchImages);
                            }
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    ready.countDown();
                }
            }, "pinwall-bench-" + w));
        }
        threads.forEach(Thread::start);
        try {
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw new EmbedException("inference failed: " + TorchScriptEmbedder.rootMessage(failure.get()),
                        failure.get());
            }
            return perWorker * settings.workers() * settings.batchSize() / seconds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbedException("benchmark interrupted", e);
        }
    }

    public static List<Path> images(Path folder, int count) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> all = new ArrayList<>(s.filter(p -> p.toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(jpe?g|png|bmp|gif)$")).sorted().toList());
            Collections.shuffle(all, new java.util.Random(42));
            return all.subList(0, Math.min(count, all.size()));
        }
    }

    private static List<Integer> ints(String csv) {
        return Stream.of(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
