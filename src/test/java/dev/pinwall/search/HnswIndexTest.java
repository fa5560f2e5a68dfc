package dev.pinwall.search;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The graph index against the exact {@link VectorIndex} (the brute-force reference) on clustered, non-negative vectors
 * shaped like pooled CNN features: recall, exact scores, filters, persistence and incremental adds.
 */
class HnswIndexTest {
    private static final int D = 96;
    private static final int ROWS = 4_000;
    private static final HnswIndex.Settings SETTINGS = new HnswIndex.Settings(16, 100, 1.2f, 100);

    private static float[][] prototypes;

    @TempDir
    Path dir;

    @BeforeAll
    static void prototypes() {
        // Sparse non-negative "photos" of 60 kinds; rows are mixes of two with noise (SearchBench.derive).
        Random random = new Random(3);
        prototypes = new float[240][D];
        float[][] kinds = new float[60][D];
        for (float[] kind : kinds) {
            for (int i = 0; i < D; i++) {
                kind[i] = random.nextFloat() < 0.3f ? (float) Math.abs(random.nextGaussian()) : 0f;
            }
        }
        for (int p = 0; p < prototypes.length; p++) {
            float[] kind = kinds[p % kinds.length];
            for (int i = 0; i < D; i++) {
                prototypes[p][i] = Math.max(0, kind[i] + (float) random.nextGaussian() * 0.3f);
            }
            prototypes[p] = Vectors.normalised(prototypes[p]);
        }
    }

    private static VectorIndex exact(int rows, long seed) {
        float[] data = SearchBench.derive(prototypes, rows, new Random(seed));
        VectorIndex index = new VectorIndex(D, rows);
        for (int r = 0; r < rows; r++) {
            index.add(java.util.Arrays.copyOfRange(data, r * D, (r + 1) * D));
        }
        return index;
    }

    private static float[][] queries(int n) {
        float[] data = SearchBench.derive(prototypes, n, new Random(99));
        float[][] out = new float[n][];
        for (int q = 0; q < n; q++) {
            out[q] = java.util.Arrays.copyOfRange(data, q * D, (q + 1) * D);
        }
        return out;
    }

    /** Share of the exact top-10 the graph finds, over the queries. */
    private static double recall(NearestNeighbours graph, VectorIndex exact, float[][] queries, IntPredicate accept) {
        long found = 0;
        long wanted = 0;
        for (float[] q : queries) {
            Set<Integer> want = new HashSet<>();
            exact.nearest(q, 10, accept, -2f).forEach(h -> want.add(h.row()));
            wanted += want.size();
            for (Hit h : graph.nearest(q, 10, accept, -2f)) {
                found += want.contains(h.row()) ? 1 : 0;
            }
        }
        return found / (double) wanted;
    }

    @Test
    void findsWhatTheExactScanFindsWithTheSameScores() {
        VectorIndex exact = exact(ROWS, 1);
        HnswIndex graph = HnswIndex.build(exact, SETTINGS);
        assertThat(graph.graphSize()).isEqualTo(ROWS);

        float[][] queries = queries(100);
        assertThat(recall(graph, exact, queries, r -> true)).isGreaterThanOrEqualTo(0.95);
        for (float[] q : queries) {
            List<Hit> hits = graph.nearest(q, 10, r -> true, -2f);
            assertThat(hits).hasSize(10);
            for (int i = 0; i < hits.size(); i++) {
                Hit h = hits.get(i);
                // The float re-score: the exact index's score of that row, to the bit.
                assertThat(h.score()).isEqualTo(exact.scores(q, ROWS)[h.row()]);
                if (i > 0) {
                    assertThat(h.score()).isLessThanOrEqualTo(hits.get(i - 1).score());
                }
            }
        }
        // A narrow search width finds less: the walk, not a hidden scan, gives the results.
        HnswIndex narrow = HnswIndex.build(exact, new HnswIndex.Settings(4, 8, 1.0f, 1));
        assertThat(recall(narrow, exact, queries, r -> true)).isLessThan(recall(graph, exact, queries, r -> true));
    }

    @Test
    void filtersAreHonouredAndStillGiveKResults() {
        VectorIndex exact = exact(ROWS, 2);
        HnswIndex graph = HnswIndex.build(exact, SETTINGS);
        float[][] queries = queries(40);
        IntPredicate half = r -> r % 2 == 0;
        IntPredicate rare = r -> r % 97 == 5;     // ~1 %: answered by the exact scan of accepted rows
        IntPredicate seven = r -> r % 500 < 7;    // 56 rows, 7 per stretch of 500
        IntPredicate sparse = r -> r % 33 == 0;   // 3 %: the graph walk skips the rest
        for (IntPredicate accept : List.of(half, rare, seven, sparse)) {
            for (float[] q : queries) {
                List<Hit> hits = graph.nearest(q, 10, accept, -2f);
                assertThat(hits).hasSize(10);
                assertThat(hits).allMatch(h -> accept.test(h.row()));
            }
            assertThat(recall(graph, exact, queries, accept)).isGreaterThanOrEqualTo(0.95);
        }
        IntPredicate three = r -> r == 17 || r == 2_000 || r == 3_999;
        assertThat(graph.nearest(queries[0], 10, three, -2f)).extracting(Hit::row)
                .containsExactlyInAnyOrder(17, 2_000, 3_999);
        assertThat(graph.nearest(queries[0], 10, r -> false, -2f)).isEmpty();
        // minScore trims: nothing scores above 1.
        assertThat(graph.nearest(queries[0], 10, r -> true, 1.01f)).isEmpty();
    }

    @Test
    void aRowItselfIsLeftOutOfItsOwnNeighbours() {
        VectorIndex exact = exact(2_000, 3);
        HnswIndex graph = HnswIndex.build(exact, SETTINGS);
        List<Hit> hits = graph.nearest(123, 10, r -> true, -2f);
        assertThat(hits).hasSize(10).noneMatch(h -> h.row() == 123);
        assertThat(hits.get(0).row()).isEqualTo(exact.nearest(123, 1, r -> true, -2f).get(0).row());
    }

    @Test
    void rowsAddedAfterTheGraphAreFoundBeforeAndAfterCatchingUp() {
        VectorIndex exact = exact(3_000, 4);
        HnswIndex graph = HnswIndex.build(exact, SETTINGS);
        float[][] more = queries(50);
        for (float[] v : more) {
            exact.add(v);
        }
        assertThat(graph.graphSize()).isEqualTo(3_000);
        // Each added vector is its own best match (cosine 1), whether scanned or in the graph.
        for (int i = 0; i < more.length; i++) {
            assertThat(graph.nearest(more[i], 1, r -> true, -2f).get(0).row()).isEqualTo(3_000 + i);
        }
        assertThat(graph.catchUp()).isEqualTo(50);
        assertThat(graph.graphSize()).isEqualTo(3_050);
        for (int i = 0; i < more.length; i++) {
            assertThat(graph.nearest(more[i], 1, r -> true, -2f).get(0).row()).isEqualTo(3_000 + i);
        }
        int row = graph.add(more[0]);
        assertThat(row).isEqualTo(3_050);
        assertThat(graph.graphSize()).isEqualTo(3_051);
    }

    @Test
    void aSavedGraphLoadsBackAndGrowsIncrementally() throws IOException {
        VectorIndex exact = exact(ROWS, 5);
        HnswIndex built = HnswIndex.build(exact, SETTINGS);
        Path file = dir.resolve("graphs").resolve("collection.graph");
        built.save(file);
        assertThat(file).exists();
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left behind
        }

        float[][] queries = queries(60);
        var loaded = HnswIndex.load(file, exact, SETTINGS);
        assertThat(loaded).isPresent();
        HnswIndex graph = loaded.get();
        assertThat(graph.graphSize()).isEqualTo(ROWS);
        for (float[] q : queries) {
            assertThat(graph.nearest(q, 10, r -> true, -2f)).isEqualTo(built.nearest(q, 10, r -> true, -2f));
        }

        // Rows added after loading: in the graph once it catches up, and a fresh save covers them.
        float[][] more = queries(30);
        for (float[] v : more) {
            graph.add(v);
        }
        assertThat(graph.graphSize()).isEqualTo(ROWS + 30);
        assertThat(recall(graph, exact, queries, r -> true)).isGreaterThanOrEqualTo(0.95);
        graph.save(file);
        HnswIndex again = HnswIndex.open(file, exact, SETTINGS);
        assertThat(again.graphSize()).isEqualTo(ROWS + 30);
        assertThat(again.nearest(more[7], 1, r -> true, -2f).get(0).row()).isEqualTo(ROWS + 7);

        // A graph saved at fewer rows opens over a grown collection and catches up.
        VectorIndex grown = exact(ROWS, 5);
        HnswIndex small = HnswIndex.build(grown, SETTINGS);
        small.save(file);
        for (float[] v : more) {
            grown.add(v);
        }
        HnswIndex caughtUp = HnswIndex.open(file, grown, SETTINGS);
        assertThat(caughtUp.graphSize()).isEqualTo(ROWS + 30);
    }

    @Test
    void aSavedGraphFindsItsRowsByKeyWhenTheyComeBackInAnotherOrder() throws IOException {
        float[] raw = SearchBench.derive(prototypes, 3_000, new Random(9));
        VectorIndex first = new VectorIndex(D, 3_000);
        for (int r = 0; r < 3_000; r++) {
            first.add(java.util.Arrays.copyOfRange(raw, r * D, (r + 1) * D));
        }
        List<String> keys = new ArrayList<>();
        for (int r = 0; r < 3_000; r++) {
            keys.add("photo-" + r);
        }
        Path file = dir.resolve("collection.graph");
        HnswIndex.build(first, SETTINGS).save(file, keys);

        // The same photos shuffled, with two new ones among them.
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < 3_000; r++) {
            order.add(r);
        }
        java.util.Collections.shuffle(order, new Random(1));
        float[][] fresh = queries(2);
        order.add(1_000, -1);
        order.add(2_000, -2);
        VectorIndex second = new VectorIndex(D, 3_002);
        List<String> secondKeys = new ArrayList<>();
        for (int source : order) {
            // The same input as before (vectors come from the store unchanged), so the same unit vectors.
            second.add(source >= 0 ? java.util.Arrays.copyOfRange(raw, source * D, (source + 1) * D)
                    : fresh[-source - 1]);
            secondKeys.add(source >= 0 ? "photo-" + source : "new-" + source);
        }
        var loaded = HnswIndex.load(file, second, SETTINGS, secondKeys);
        assertThat(loaded).isPresent();
        HnswIndex graph = loaded.get();
        assertThat(graph.graphSize()).isEqualTo(3_000);
        assertThat(graph.hasUnsavedRows()).isTrue();
        // The two new rows sit in the middle, outside the graph, and are still found.
        assertThat(graph.nearest(fresh[0], 1, r -> true, -2f).get(0).row()).isEqualTo(1_000);
        assertThat(graph.nearest(fresh[1], 1, r -> true, -2f).get(0).row()).isEqualTo(2_000);
        float[][] queries = queries(60);
        assertThat(recall(graph, second, queries, r -> true)).isGreaterThanOrEqualTo(0.95);
        for (float[] q : queries) {
            List<Hit> hits = graph.nearest(q, 10, r -> true, -2f);
            assertThat(hits.stream().map(Hit::row).distinct().count()).isEqualTo(hits.size());
        }
        assertThat(graph.catchUp()).isEqualTo(2);
        assertThat(graph.graphSize()).isEqualTo(3_002);
        assertThat(graph.nearest(fresh[1], 1, r -> true, -2f).get(0).row()).isEqualTo(2_000);

        // A key the collection no longer has: not trusted.
        List<String> renamed = new ArrayList<>(secondKeys);
        renamed.set(5, "another-photo");
        assertThat(HnswIndex.load(file, second, SETTINGS, renamed)).isEmpty();
    }

    @Test
    void aStaleOrDamagedFileIsNeverTrusted() throws IOException {
        VectorIndex exact = exact(2_000, 6);
        Path file = dir.resolve("collection.graph");
        HnswIndex.build(exact, SETTINGS).save(file);
        assertThat(HnswIndex.load(file, exact, SETTINGS)).isPresent();

        // Other vectors in the same number of rows.
        assertThat(HnswIndex.load(file, exact(2_000, 7), SETTINGS)).isEmpty();
        // Fewer rows than the graph covers.
        assertThat(HnswIndex.load(file, exact(1_000, 6), SETTINGS)).isEmpty();
        // Built with other settings.
        assertThat(HnswIndex.load(file, exact, new HnswIndex.Settings(24, 100, 1.2f, 100))).isEmpty();
        // Another dimension.
        assertThat(HnswIndex.load(file, new VectorIndex(D + 1, 10), SETTINGS)).isEmpty();

        // One flipped byte in the middle, a truncated file, garbage: rejected, and open() rebuilds a working graph.
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);
        assertThat(HnswIndex.load(file, exact, SETTINGS)).isEmpty();
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertThat(HnswIndex.load(file, exact, SETTINGS)).isEmpty();
        Files.write(file, new byte[]{1, 2, 3}, StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(HnswIndex.load(file, exact, SETTINGS)).isEmpty();
        HnswIndex rebuilt = HnswIndex.open(file, exact, SETTINGS);
        assertThat(rebuilt.graphSize()).isEqualTo(2_000);
        assertThat(recall(rebuilt, exact, queries(30), r -> true)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void queriesRunWhileRowsAreAdded() throws Exception {
        VectorIndex exact = exact(2_000, 8);
        HnswIndex graph = HnswIndex.build(exact, SETTINGS);
        float[][] more = queries(400);
        List<Throwable> failures = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try {
                for (float[] v : more) {
                    graph.add(v);
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        writer.start();
        float[][] queries = queries(20);
        while (writer.isAlive()) {
            for (float[] q : queries) {
                assertThat(graph.nearest(q, 10, r -> true, -2f)).hasSize(10);
            }
        }
        writer.join();
        assertThat(failures).isEmpty();
        assertThat(graph.graphSize()).isEqualTo(2_400);
    }
}
