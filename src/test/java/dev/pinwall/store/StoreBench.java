package dev.pinwall.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Store speed on a collection of the size Pinwall targets: writes 44,000 x 1280-d vectors in batches of 64 (as the
 * indexing pipeline does), then loads them all, a subset, and the path cache. Not a unit test: run by hand with
 * {@code java -cp target/test-classes:target/classes:<deps> dev.pinwall.store.StoreBench [dir] [count] [dim]}.
 */
public final class StoreBench {

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("pinwall-bench");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 44_000;
        int dimension = args.length > 2 ? Integer.parseInt(args[2]) : 1280;
        int batch = 64;
        String key = "bench@p1";
        Path db = dir.resolve("store.db");
        Files.deleteIfExists(db);

        List<String> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hashes.add(String.format(Locale.ROOT, "%064x", (long) i * 0x9E3779B97F4A7C15L));
        }
        Random random = new Random(1);
        long start = System.nanoTime();
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            for (int from = 0; from < count; from += batch) {
                Map<String, float[]> vectors = new HashMap<>();
                for (int i = from; i < Math.min(count, from + batch); i++) {
                    float[] vector = new float[dimension];
                    for (int d = 0; d < dimension; d++) {
                        vector[d] = random.nextFloat();
                    }
                    vectors.put(hashes.get(i), vector);
                }
                store.putAll(key, vectors, Map.of());
            }
        }
        double writeSeconds = seconds(start);
        System.out.printf(Locale.ROOT, "write: %d x %d-d in batches of %d: %.1f s, %.0f vectors/s, %.0f MB/s%n",
                count, dimension, batch, writeSeconds, count / writeSeconds,
                (double) count * dimension * 4 / 1e6 / writeSeconds);
        System.out.printf(Locale.ROOT, "file: %.0f MB%n", Files.size(db) / 1e6);

        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            for (int run = 1; run <= 3; run++) {
                start = System.nanoTime();
                Map<String, float[]> all = store.vectors(key, hashes);
                System.out.printf(Locale.ROOT, "load all %d (run %d): %.0f ms%n", all.size(), run, millis(start));
            }
            List<String> shuffled = new ArrayList<>(hashes);
            Collections.shuffle(shuffled, new Random(2));
            List<String> subset = shuffled.subList(0, Math.min(4000, count));
            start = System.nanoTime();
            Map<String, float[]> some = store.vectors(key, subset);
            System.out.printf(Locale.ROOT, "load random %d: %.0f ms%n", some.size(), millis(start));

            Map<FileStamp, String> stamps = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                stamps.put(new FileStamp(dir.resolve("photos/" + i + ".jpg"), 20_000 + i, 1_700_000_000_000L + i),
                        hashes.get(i));
            }
            start = System.nanoTime();
            store.fileHashes().rememberHashes(stamps);
            System.out.printf(Locale.ROOT, "remember %d file hashes: %.0f ms%n", stamps.size(), millis(start));
            start = System.nanoTime();
            Map<Path, String> known = store.fileHashes().knownHashes(stamps.keySet());
            System.out.printf(Locale.ROOT, "look up %d file hashes: %.0f ms (%d found)%n", stamps.size(),
                    millis(start), known.size());
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
