package dev.pinwall.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The corruption experiment: builds a store of synthetic vectors, then, once per run on a fresh copy, overwrites one
 * random 4 KB page (any but the first, whose loss makes the file unrecognisable: such a file is refused, not
 * salvaged) with random bytes, opens the copy and reads every vector back. A run passes when no vector is served
 * that differs from the one written (so none non-finite or of the wrong length) and the store ends valid
 * ({@code integrity_check} ok).
 *
 * <pre>
 * mvn -B -o -q test-compile &amp;&amp; java -cp "target/classes:target/test-classes:$(mvn -B -o -q dependency:build-classpath \
 *     -Dmdep.outputFile=/dev/stdout)" dev.pinwall.store.CorruptionExperiment [runs=20] [vectors=1000] [seed=1]
 * </pre>
 * Exits 1 when any run fails.
 */
public final class CorruptionExperiment {
    static final String KEY = "synthetic@p1";
    static final int DIMENSION = 1280;
    static final int PAGE = 4096;

    /** One run: the page overwritten, whether the store was set aside, how many vectors it salvaged and served. */
    record Run(long seed, long page, boolean setAside, int salvaged, int served, int badServed, String integrity) {
        boolean passed() {
            return badServed == 0 && "ok".equals(integrity);
        }
    }

    private CorruptionExperiment() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int vectors = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Path dir = Files.createTempDirectory("pinwall-corruption");
        List<Run> results = run(dir, runs, vectors, seed);
        boolean allPassed = true;
        for (Run r : results) {
            System.out.printf("seed %d page %d: %s, salvaged %d, served %d of %d, bad served %d, integrity %s%n",
                    r.seed(), r.page(), r.setAside() ? "damaged, set aside" : "not flagged at open", r.salvaged(),
                    r.served(), vectors, r.badServed(), r.integrity());
            allPassed &= r.passed();
        }
        System.out.printf("%d runs, %d set aside and salvaged, vectors kept %d of %d, bad vectors served %d, "
                        + "invalid stores at the end %d%n",
                results.size(), results.stream().filter(Run::setAside).count(),
                results.stream().mapToInt(Run::served).sum(), (long) runs * vectors,
                results.stream().mapToInt(Run::badServed).sum(), results.stream().filter(r -> !"ok".equals(r.integrity())).count());
        System.exit(allPassed ? 0 : 1);
    }

    /** Runs the experiment in {@code dir}: {@code runs} damaged copies of one store of {@code vectors} vectors. */
    static List<Run> run(Path dir, int runs, int vectors, long seed) throws IOException, StoreException {
        Map<String, float[]> written = vectors(vectors, seed);
        Path original = dir.resolve("original.db");
        try (EmbeddingStore store = EmbeddingStore.open(original)) {
            store.putAll(KEY, written, Map.of());
        }
        if (Files.exists(original.resolveSibling("original.db-wal")) && Files.size(original.resolveSibling("original.db-wal")) > 0) {
            throw new IllegalStateException("the closed store left a WAL behind; the experiment would damage a stale file");
        }
        long pages = Files.size(original) / PAGE;
        List<Run> results = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long runSeed = seed * 1000 + i;
            Random random = new Random(runSeed);
            Path copy = Files.createDirectories(dir.resolve("run" + i)).resolve("store.db");
            Files.copy(original, copy);
            long page = 1 + (long) random.nextInt((int) pages - 1);
            byte[] garbage = new byte[PAGE];
            random.nextBytes(garbage);
            try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
                raf.seek(page * PAGE);
                raf.write(garbage);
            }
            try (EmbeddingStore store = EmbeddingStore.open(copy)) {
                Map<String, float[]> served = store.vectors(KEY, written.keySet());
                int bad = 0;
                for (Map.Entry<String, float[]> entry : served.entrySet()) {
                    if (!Arrays.equals(entry.getValue(), written.get(entry.getKey()))) {
                        bad++;
                    }
                }
                results.add(new Run(runSeed, page, store.salvage().isPresent(),
                        store.salvage().map(VectorStore.Salvage::salvaged).orElse(0), served.size(), bad,
                        store.integrityCheck()));
            }
        }
        return results;
    }

    static Map<String, float[]> vectors(int count, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            float[] vector = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vectors.put(String.format("%064x", i), vector);
        }
        return vectors;
    }
}
