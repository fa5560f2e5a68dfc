package dev.pinwall.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The blocked all-pairs top-k and the parallel scan against naive references. */
class ExactKernelsTest {
    /** Best first; at equal score the lower row, as the index orders ties. */
    private static final Comparator<Hit> RANKING =
            Comparator.comparing(Hit::score, Comparator.reverseOrder()).thenComparingInt(Hit::row);

    @Test
    void theTestJvmRunsTheVectorApiKernels() {
        assertThat(Dot.SIMD).as("surefire's argLine adds jdk.incubator.vector").isTrue();
    }

    @Test
    void allPairsEqualsNaiveTopKOnRandomData() {
        // 301 rows: blocks and 4 x 2 tiles with remainders; 37 dimensions: a tail after the SIMD lanes.
        VectorIndex index = indexOf(gaussian(301, 37, 1));
        assertEqualsNaive(index, 301, 10);
        assertEqualsNaive(index, 7, 10); // fewer rows than k + 1
    }

    @Test
    void allPairsEqualsNaiveTopKOnClusteredDataWithDuplicates() {
        // Tight clusters and exact duplicates: many near-ties and exact ties, which must go to the lower row.
        Random random = new Random(2);
        float[][] centres = gaussian(12, 64, 3);
        float[][] rows = new float[530][];
        for (int r = 0; r < rows.length; r++) {
            if (r % 9 == 8) {
                rows[r] = rows[r - 5].clone();
                continue;
            }
            float[] c = centres[random.nextInt(centres.length)];
            rows[r] = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                rows[r][i] = c[i] + 0.01f * (float) random.nextGaussian();
            }
        }
        VectorIndex index = indexOf(rows);
        assertEqualsNaive(index, rows.length, 10);
        assertEqualsNaive(index, rows.length, 40);
    }

    @Test
    void allPairsScoresAreCosinesToFloatPrecision() {
        float[][] rows = gaussian(150, 96, 4);
        Hit[][] all = indexOf(rows).nearestOfAll(rows.length, 5);
        for (int a = 0; a < rows.length; a++) {
            for (Hit h : all[a]) {
                assertThat(h.score()).isCloseTo((float) cosine(rows[a], rows[h.row()]), offset(1e-5f));
            }
        }
    }

    @Test
    void parallelScanEqualsNaiveScanWithFilterAndMinimumScore() {
        // 9,000 x 130 is above the size at which the scan splits across cores.
        int n = 9_000;
        int d = 130;
        assertThat((long) n * d).isGreaterThanOrEqualTo(Scan.PARALLEL_FLOATS);
        float[][] rows = gaussian(n, d, 5);
        for (int r = 100; r < 200; r++) {
            rows[r] = rows[r - 100].clone(); // exact ties across the two halves' boundary as well
        }
        for (int r = n / 2; r < n / 2 + 50; r++) {
            rows[r] = rows[r - n / 2].clone();
        }
        VectorIndex index = indexOf(rows);
        float[][] queries = gaussian(6, d, 6);
        queries[0] = rows[3].clone();
        IntPredicate odd = r -> r % 2 == 1;
        for (float[] q : queries) {
            assertThat(index.nearest(q, 25, r -> true, -2f)).containsExactlyElementsOf(naiveScan(index, q, 25, r -> true, -2f));
            assertThat(index.nearest(q, 7, odd, -2f)).containsExactlyElementsOf(naiveScan(index, q, 7, odd, -2f));
            assertThat(index.nearest(q, 500, r -> true, 0.1f)).containsExactlyElementsOf(naiveScan(index, q, 500, r -> true, 0.1f));
        }
    }

    @Test
    void manySmallChunksGiveTheOneArrayResultsToTheBit() {
        // 3 rows per chunk: 4 x 2 tiles and parallel stretches straddle chunk edges; chunks grow from 16-row guesses.
        int n = 9_000;
        int d = 130;
        float[][] rows = gaussian(n, d, 7);
        for (int r = 4_000; r < 4_060; r++) {
            rows[r] = rows[r - 4_000].clone(); // exact ties
        }
        VectorIndex one = new VectorIndex(d, n, n);
        VectorIndex many = new VectorIndex(d, 5, 3);
        for (float[] row : rows) {
            one.add(row);
            many.add(row);
        }
        assertThat(one.matrix(n).chunks().length).isEqualTo(1);
        assertThat(many.matrix(n).chunks().length).isEqualTo(3_000);
        for (int r = 0; r < n; r += 97) {
            assertThat(many.vector(r)).isEqualTo(one.vector(r));
            assertThat(many.similarity(r, n - 1 - r)).isEqualTo(one.similarity(r, n - 1 - r));
        }
        IntPredicate odd = r -> r % 2 == 1;
        for (float[] q : gaussian(4, d, 8)) {
            assertThat(many.scores(q, n)).isEqualTo(one.scores(q, n));
            assertThat(many.nearest(q, 25, r -> true, -2f)).containsExactlyElementsOf(one.nearest(q, 25, r -> true, -2f));
            assertThat(many.nearest(q, 9, odd, 0.05f)).containsExactlyElementsOf(one.nearest(q, 9, odd, 0.05f));
        }
        int pairs = 700;
        Hit[][] manyAll = many.nearestOfAll(pairs, 10);
        Hit[][] oneAll = one.nearestOfAll(pairs, 10);
        for (int r = 0; r < pairs; r++) {
            assertThat(manyAll[r]).as("row %d", r).containsExactly(oneAll[r]);
        }
    }

    @Test
    void theDefaultChunkHoldsWholeRowsAndRowsBeyondOneArray() {
        // 2^31 floats cannot be one Java array; the default chunk keeps each far below that, whole rows only.
        int d = 1280;
        VectorIndex index = new VectorIndex(d, 1);
        for (int r = 0; r < VectorIndex.CHUNK_FLOATS / d + 2; r++) {
            index.add(unit(d, r));
        }
        Matrix m = index.matrix(index.size());
        assertThat(m.chunks().length).isEqualTo(2);
        assertThat(m.chunks()[0].length % d).isZero();
        assertThat(m.chunks()[0].length).isLessThanOrEqualTo(VectorIndex.CHUNK_FLOATS);
        int last = index.size() - 1;
        assertThat(index.nearest(unit(d, last), 1, r -> true, -2f).get(0).row()).isEqualTo(last);
    }

    private static float[] unit(int d, int r) {
        float[] v = new float[d];
        v[r % d] = 1f;
        v[(r / d) % d] += 0.5f;
        return v;
    }

    /** Every pair scored alone with the index's own arithmetic, all sorted: the top-k must be exactly this. */
    private static void assertEqualsNaive(VectorIndex index, int n, int k) {
        Hit[][] fast = index.nearestOfAll(n, k);
        assertThat(fast.length).isEqualTo(n);
        for (int a = 0; a < n; a++) {
            List<Hit> all = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    all.add(new Hit(b, index.similarity(a, b)));
                }
            }
            all.sort(RANKING);
            assertThat(fast[a]).as("row %d", a).containsExactlyElementsOf(all.subList(0, Math.min(k, all.size())));
        }
    }

    private static List<Hit> naiveScan(VectorIndex index, float[] q, int k, IntPredicate accept, float minScore) {
        float[] scores = index.scores(q, index.size());
        List<Hit> all = new ArrayList<>();
        for (int r = 0; r < scores.length; r++) {
            if (accept.test(r) && scores[r] >= minScore) {
                all.add(new Hit(r, scores[r]));
            }
        }
        all.sort(RANKING);
        return all.subList(0, Math.min(k, all.size()));
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static float[][] gaussian(int n, int d, long seed) {
        Random random = new Random(seed);
        float[][] v = new float[n][d];
        for (float[] row : v) {
            for (int i = 0; i < d; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return v;
    }

    private static VectorIndex indexOf(float[][] rows) {
        VectorIndex index = new VectorIndex(rows[0].length, rows.length);
        for (float[] row : rows) {
            index.add(row);
        }
        return index;
    }
}
