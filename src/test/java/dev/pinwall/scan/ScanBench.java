package dev.pinwall.scan;

import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Listing and hashing speed: lists a folder (default: the shared fashion-dev images), then hashes its files twice
 * against a fresh store (first run computes, second run finds them in the path cache). Not a unit test: run by hand
 * with {@code java -cp target/test-classes:target/classes:<deps> dev.pinwall.scan.ScanBench [folder]}.
 */
public final class ScanBench {

    private ScanBench() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("pinwall.shared", "../shared"), "datasets/fashion-dev/images");
        for (int run = 1; run <= 2; run++) {
            long start = System.nanoTime();
            List<Path> files = ImageFiles.list(folder);
            System.out.printf(Locale.ROOT, "list (run %d): %d files in %.0f ms%n", run, files.size(), millis(start));
        }
        List<Path> files = ImageFiles.list(folder);
        Path dir = Files.createTempDirectory("pinwall-scan-bench");
        try (EmbeddingStore store = EmbeddingStore.open(dir.resolve("store.db"))) {
            FileHasher hasher = new FileHasher(store);
            for (int run = 1; run <= 2; run++) {
                long start = System.nanoTime();
                FileHasher.Result result = hasher.hash(files, Cancellation.none());
                double ms = millis(start);
                System.out.printf(Locale.ROOT, "hash (run %d): %d computed, %d cached, %d failed in %.0f ms (%.0f files/s)%n",
                        run, result.computed(), result.cached(), result.failures().size(), ms,
                        files.size() / (ms / 1000));
            }
        }
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
