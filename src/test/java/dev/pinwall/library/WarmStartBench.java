package dev.pinwall.library;

import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.scan.FileHasher;
import dev.pinwall.scan.ImageFiles;
import dev.pinwall.store.Stores;
import dev.pinwall.store.VectorStore;
import dev.pinwall.task.Cancellation;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The warm start of a large collection: from JVM start to the first Related answer, with every vector in the store.
 * <ul>
 *   <li>{@code WarmStartBench prepare IMAGES OUT STORE MODEL ROWS}: writes ROWS photos to OUT, copies of the IMAGES
 *   cycled, each with 4 distinct bytes appended (so each has its own content hash), stores for each a vector derived
 *   from its source's stored one (source vector plus a little noise; the source's must be in STORE under MODEL), then
 *   indexes OUT once: the path cache is filled and the collection fitted and saved, as after a first run.</li>
 *   <li>{@code WarmStartBench measure OUT STORE MODEL}: opens the store, then the model while the folder is listed,
 *   and the library, then, as the window does, loads the vectors and the saved fit in the background ({@link Library#index}: nothing is computed) and asks
 *   for the Related photos of a photo as soon as it has its vector, and again once the fit is in; prints each step's
 *   time since JVM start and the heap in use.</li>
 * </ul>
 * Run on the test classpath with {@code --add-modules jdk.incubator.vector}.
 */
public final class WarmStartBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("prepare")) {
            prepare(Path.of(args[1]), Path.of(args[2]), args[3], args[4], Integer.parseInt(args[5]));
        } else if (args[0].equals("phases")) {
            phases(Path.of(args[1]), args[2], args[3]);
        } else {
            measure(Path.of(args[1]), args[2], args[3]);
        }
    }

    private static void prepare(Path images, Path out, String storeFile, String model, int rows) throws Exception {
        try (VectorStore store = Stores.open(storeFile); Embedder embedder = open(model)) {
            String key = embedder.info().storeKey();
            FileHasher hasher = new FileHasher(store);
            Map<Path, String> sourceHash = hasher.hash(ImageFiles.list(images).stream()
                    .map(p -> p.toAbsolutePath().normalize()).toList(), Cancellation.none()).hashes();
            Map<String, float[]> known = store.vectors(key, sourceHash.values());
            // Only sources with a stored vector are copied, so indexing the copies computes nothing.
            List<Path> sources = sourceHash.keySet().stream().filter(p -> known.containsKey(sourceHash.get(p)))
                    .sorted().toList();
            if (sources.isEmpty()) {
                throw new IllegalStateException("the store holds no vectors of " + images + " under " + key);
            }
            Files.createDirectories(out);
            Map<Path, Path> sourceOf = new HashMap<>();
            for (int i = 0; i < rows; i++) {
                Path source = sources.get(i % sources.size());
                Path copy = out.resolve(i + ".jpg").toAbsolutePath().normalize();
                byte[] bytes = Files.readAllBytes(source);
                Files.write(copy, ByteBuffer.allocate(bytes.length + 4).put(bytes).putInt(i).array());
                sourceOf.put(copy, source);
            }
            Map<Path, String> copyHash = hasher.hash(new ArrayList<>(sourceOf.keySet()), Cancellation.none()).hashes();
            Random random = new Random(5);
            Map<String, float[]> batch = new HashMap<>();
            for (Map.Entry<Path, String> e : copyHash.entrySet()) {
                float[] base = known.get(sourceHash.get(sourceOf.get(e.getKey())));
                float[] v = base.clone();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.max(0, v[i] + (float) random.nextGaussian() * 0.002f);
                }
                batch.put(e.getValue(), v);
                if (batch.size() == 2_000) {
                    store.putAll(key, batch, Map.of());
                    batch.clear();
                }
            }
            store.putAll(key, batch, Map.of());
            long t0 = System.nanoTime();
            Library library = Library.open(out, embedder, store);
            IndexReport report = library.index(IndexListener.NONE, Cancellation.none());
            System.out.printf("prepared %s: %s; indexed and fitted in %.1f s%n", out, report.summaryLine(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void measure(Path out, String storeFile, String model) throws Exception {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        // As the desktop does: the store first (while the launcher starts), then the folder read while the model loads.
        try (VectorStore store = Stores.open(storeFile)) {
            lines.add(since("store opened"));
            java.util.concurrent.CompletableFuture<Library.Scanned> scan = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            Library.Scanned scanned = Library.scan(out);
                            lines.add(since("folder listed (" + scanned.files().images().size() + " photos)"));
                            return scanned;
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            try (Embedder embedder = open(model)) {
                lines.add(since("model opened"));
                Library library = Library.open(scan.join(), embedder, store,
                        dev.pinwall.embed.PipelineSettings.defaults());
                lines.add(since("library opened (" + library.photos().size() + " photos listed: the wall can show)"));
                // As the window does: the index run in the background, a click answered as soon as its photo has a
                // vector (the plain cosine until the saved fit is restored).
                Photo photo = library.photos().get(library.photos().size() / 2);
                java.util.concurrent.CountDownLatch embedded = new java.util.concurrent.CountDownLatch(1);
                IndexListener listener = new IndexListener() {
                    @Override
                    public void onEmbedded(Photo p) {
                        if (p.equals(photo)) {
                            embedded.countDown();
                        }
                    }
                };
                java.util.concurrent.CompletableFuture<IndexReport> run = java.util.concurrent.CompletableFuture
                        .supplyAsync(() -> {
                            try {
                                return library.index(listener, Cancellation.none());
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                embedded.await();
                List<Match> first = library.related(photo, RelatedQuery.top(20)).orElseThrow();
                lines.add(since("first Related answered (" + first.size() + " photos, " + library.effectiveMode()
                        + ")"));
                IndexReport report = run.join();
                lines.add(since("vectors and fit loaded (" + report.summaryLine() + ")"));
                List<Match> related = library.related(photo, RelatedQuery.top(20)).orElseThrow();
                lines.add(since("Related answered in " + library.effectiveMode() + " (" + related.size() + " photos)"));
                long[] before = usedHeap();
                lines.forEach(System.out::println);
                System.out.printf("heap in use after a full GC: %d MB (of max %d MB)%n", before[0] >> 20,
                        before[1] >> 20);
            }
        }
    }

    /** The store reads of a warm start alone: the path cache, then the vectors, each timed. */
    private static void phases(Path out, String storeFile, String model) throws Exception {
        try (Embedder embedder = open(model); VectorStore store = Stores.open(storeFile)) {
            List<Path> files = ImageFiles.list(out).stream().map(p -> p.toAbsolutePath().normalize()).toList();
            long t0 = System.nanoTime();
            Map<Path, String> hashes = new FileHasher(store).hash(files, Cancellation.none()).hashes();
            long t1 = System.nanoTime();
            Map<String, float[]> vectors = store.vectors(embedder.info().storeKey(), new java.util.HashSet<>(hashes.values()));
            long t2 = System.nanoTime();
            var fit = store.fittedStates().load(out.toAbsolutePath().normalize().toString(), embedder.info().storeKey());
            long t3 = System.nanoTime();
            System.out.printf("path cache: %d hashes in %d ms; vectors: %d in %d ms; saved fit (%d lists) in %d ms%n",
                    hashes.size(), (t1 - t0) / 1_000_000, vectors.size(), (t2 - t1) / 1_000_000,
                    fit.map(f -> f.neighbours().size()).orElse(0), (t3 - t2) / 1_000_000);
        }
    }

    private static Embedder open(String model) throws Exception {
        return ModelRegistry.discover(PinwallHome.modelDirs()).open(model);
    }

    private static String since(String what) {
        // CPU time beside wall time: on a busy machine the wall time says more about the others than about Pinwall.
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        return String.format("%6d ms since JVM start (%6d ms CPU): %s", ManagementFactory.getRuntimeMXBean().getUptime(),
                cpu, what);
    }

    private static long[] usedHeap() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new long[] {heap.getUsed(), heap.getMax()};
    }
}
