package dev.pinwall.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VectorIndexTest {

    private static float[][] randomVectors(int n, int d, long seed) {
        Random random = new Random(seed);
        float[][] v = new float[n][d];
        for (float[] row : v) {
            for (int i = 0; i < d; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return v;
    }

    /** Cosine of every row against the query, sorted best first: the reference the index must equal. */
    private static List<Hit> bruteForce(float[][] rows, float[] query, int k, java.util.function.IntPredicate accept) {
        float[] q = Vectors.normalised(query);
        List<Hit> all = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            if (!accept.test(r)) {
                continue;
            }
            float[] v = Vectors.normalised(rows[r]);
            double s = 0;
            for (int i = 0; i < q.length; i++) {
                s += (double) q[i] * v[i];
            }
            all.add(new Hit(r, (float) s));
        }
        all.sort(Comparator.comparingDouble(Hit::score).reversed());
        return all.subList(0, Math.min(k, all.size()));
    }

    private static VectorIndex indexOf(float[][] rows) {
        VectorIndex index = new VectorIndex(rows[0].length, 4);
        for (float[] row : rows) {
            index.add(row);
        }
        return index;
    }

    @Test
    void returnsExactTopKAsBruteForceDoes() {
        float[][] rows = randomVectors(2_000, 37, 1);
        VectorIndex index = indexOf(rows);
        float[][] queries = randomVectors(25, 37, 2);
        for (float[] query : queries) {
            List<Hit> got = index.nearest(query, 10, r -> true, -1f);
            List<Hit> want = bruteForce(rows, query, 10, r -> true);
            assertThat(got).extracting(Hit::row).containsExactlyElementsOf(want.stream().map(Hit::row).toList());
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).score()).isCloseTo(want.get(i).score(), org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void excludesTheQueryRowItself() {
        float[][] rows = randomVectors(300, 8, 3);
        VectorIndex index = indexOf(rows);
        List<Hit> hits = index.nearest(42, 5, r -> true, -1f);
        assertThat(hits).hasSize(5).extracting(Hit::row).doesNotContain(42);
        List<Hit> want = bruteForce(rows, rows[42], 6, r -> r != 42);
        assertThat(hits).extracting(Hit::row).containsExactlyElementsOf(want.subList(0, 5).stream().map(Hit::row).toList());
    }

    @Test
    void appliesFilterAndMinimumScore() {
        float[][] rows = randomVectors(500, 16, 4);
        VectorIndex index = indexOf(rows);
        List<Hit> evens = index.nearest(rows[7], 20, r -> r % 2 == 0, -1f);
        assertThat(evens).hasSize(20).allSatisfy(h -> assertThat(h.row() % 2).isZero());
        List<Hit> strong = index.nearest(rows[7], 500, r -> true, 0.3f);
        assertThat(strong).isNotEmpty().allSatisfy(h -> assertThat(h.score()).isGreaterThanOrEqualTo(0.3f));
        long expected = IntStream.range(0, rows.length)
                .filter(r -> bruteForce(rows, rows[7], 500, x -> x == r).get(0).score() >= 0.3f).count();
        assertThat(strong).hasSize((int) expected);
    }

    @Test
    void findsAnIdenticalVectorWithScoreOne() {
        float[][] rows = randomVectors(100, 12, 5);
        VectorIndex index = indexOf(rows);
        float[] scaled = rows[17].clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 3.5f; // cosine ignores length
        }
        Hit best = index.nearest(scaled, 1, r -> true, -1f).get(0);
        assertThat(best.row()).isEqualTo(17);
        assertThat(best.score()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void growsPastItsInitialCapacityAndRejectsWrongDimensions() {
        VectorIndex index = new VectorIndex(3, 1);
        for (int i = 0; i < 100; i++) {
            index.add(new float[]{i, 1, 0});
        }
        assertThat(index.size()).isEqualTo(100);
        assertThat(index.vector(99)[0]).isGreaterThan(0.99f);
        assertThatThrownBy(() -> index.add(new float[2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.nearest(new float[4], 3, r -> true, -1f)).isInstanceOf(IllegalArgumentException.class);
    }
}
