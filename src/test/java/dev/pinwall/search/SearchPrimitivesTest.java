package dev.pinwall.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The kernels, the top-k list and the index's small operations, each against a plain double-precision reference. */
class SearchPrimitivesTest {

    private static float[] random(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double reference(float[] a, int ao, float[] b, int bo, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += (double) a[ao + i] * b[bo + i];
        }
        return s;
    }

    @Test
    void everyDotKernelEqualsTheDoubleReferenceAtEveryLengthAndOffset() {
        Random random = new Random(3);
        for (int d = 1; d <= 40; d++) {
            float[] a = random(random, d + 5);
            float[] b = random(random, d + 9);
            byte[] codes = new byte[d + 7];
            random.nextBytes(codes);
            for (int i = 0; i < codes.length; i++) {
                codes[i] = (byte) Math.max(-127, codes[i]);
            }
            double expected = reference(a, 2, b, 7, d);
            double expectedInt8 = 0;
            for (int i = 0; i < d; i++) {
                expectedInt8 += (double) a[i] * codes[5 + i];
            }
            double tolerance = 1e-4 * (1 + Math.sqrt(d));
            assertThat((double) Dot.scalar(a, 2, b, 7, d)).as("scalar, d=%d", d).isCloseTo(expected, within(tolerance));
            assertThat((double) SimdDot.dot(a, 2, b, 7, d)).as("simd, d=%d", d).isCloseTo(expected, within(tolerance));
            assertThat((double) Dot.dot(a, 2, b, 7, d)).as("dot, d=%d", d).isCloseTo(expected, within(tolerance));
            double int8Tolerance = 1e-5 * 127 * (1 + d);
            assertThat((double) Dot.scalarInt8(a, codes, 5, d)).as("scalar int8, d=%d", d)
                    .isCloseTo(expectedInt8, within(int8Tolerance));
            assertThat((double) SimdDot.dotInt8(a, codes, 5, d)).as("simd int8, d=%d", d)
                    .isCloseTo(expectedInt8, within(int8Tolerance));
            assertThat((double) Dot.dotInt8(a, codes, 5, d)).as("int8, d=%d", d)
                    .isCloseTo(expectedInt8, within(int8Tolerance));
        }
    }

    @Test
    void theTileKernelScoresEachOfItsEightPairsLikeOneDotProduct() {
        Random random = new Random(4);
        for (int d : new int[] {1, 3, 8, 17, 64, 100}) {
            VectorIndex index = new VectorIndex(d, 4, 5); // 5 rows per chunk: the tile crosses chunks
            for (int r = 0; r < 12; r++) {
                index.add(random(random, d));
            }
            Matrix m = index.matrix(12);
            float[] out = new float[8];
            Dot.tile4x2(m, 3, 8, out);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 2; j++) {
                    assertThat(out[2 * i + j]).as("d=%d, a=%d, b=%d", d, 3 + i, 8 + j)
                            .isCloseTo(m.dot(3 + i, 8 + j), within(1e-5f));
                }
            }
        }
    }

    @Test
    void normalisedGivesAUnitVectorOfTheSameDirectionAndZeroForZeroOrNaN() {
        Random random = new Random(5);
        for (int d = 1; d <= 13; d++) {
            float[] v = random(random, d);
            float[] unit = Vectors.normalised(v);
            double norm = Math.sqrt(reference(v, 0, v, 0, d));
            assertThat(unit).hasSize(d);
            for (int i = 0; i < d; i++) {
                assertThat((double) unit[i]).as("d=%d, i=%d", d, i).isCloseTo(v[i] / norm, within(1e-6));
            }
        }
        assertThat(Vectors.normalised(new float[] {0, 0, 0, 0, 0})).containsExactly(0, 0, 0, 0, 0);
        assertThat(Vectors.normalised(new float[] {1, Float.NaN, 2})).containsExactly(0, 0, 0);
        assertThat(Vectors.normalised(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
    }

    @Test
    void topKKeepsTheBestInOrderWithTiesToTheLowerRowWhateverTheArrivalOrder() {
        Random random = new Random(6);
        for (int round = 0; round < 50; round++) {
            int k = 1 + random.nextInt(8);
            List<Hit> offered = new ArrayList<>();
            for (int r = 0; r < 30; r++) {
                offered.add(new Hit(r, random.nextInt(6) / 4f)); // few distinct scores: many ties
            }
            List<Hit> expected = new ArrayList<>(offered);
            expected.sort(Comparator.comparing(Hit::score).reversed().thenComparing(Hit::row));
            expected = expected.subList(0, k);

            java.util.Collections.shuffle(offered, random);
            TopK whole = new TopK(k);
            TopK left = new TopK(k);
            TopK right = new TopK(k);
            for (int i = 0; i < offered.size(); i++) {
                Hit h = offered.get(i);
                whole.offer(h.row(), h.score());
                (i % 2 == 0 ? left : right).offer(h.row(), h.score());
            }
            left.offerAll(right);
            assertThat(whole.best()).containsExactlyElementsOf(expected);
            assertThat(left.best()).containsExactlyElementsOf(expected);
            Hit last = expected.get(k - 1);
            assertThat(whole.takes(last.row() + 1, last.score())).isFalse();
            assertThat(whole.takes(last.row(), Math.nextUp(last.score()))).isTrue();
        }
        TopK none = new TopK(0);
        assertThat(none.takes(0, 1f)).isFalse();
        none.offer(0, 1f);
        assertThat(none.best()).isEmpty();
        VectorIndex three = new VectorIndex(2, 3);
        three.add(new float[] {1, 0});
        three.add(new float[] {0, 1});
        three.add(new float[] {1, 1});
        Hit[][] noNeighbours = three.nearestOfAll(3, 0);
        assertThat(noNeighbours).hasNumberOfRows(3);
        for (Hit[] hits : noNeighbours) {
            assertThat(hits).isEmpty();
        }
        TopK room = new TopK(3);
        assertThat(room.takes(9, -5f)).isTrue();
    }

    @Test
    void scoresAndSimilarityAgreeWithTheReferenceAndWithEachOther() {
        Random random = new Random(7);
        int d = 21;
        float[][] rows = new float[30][];
        VectorIndex index = new VectorIndex(d, 2, 4);
        for (int r = 0; r < rows.length; r++) {
            rows[r] = random(random, d);
            index.add(rows[r]);
        }
        float[] query = random(random, d);
        float[] scores = index.scores(query, 25);
        assertThat(scores).hasSize(25);
        float[] q = Vectors.normalised(query);
        for (int r = 0; r < 25; r++) {
            float[] v = Vectors.normalised(rows[r]);
            assertThat((double) scores[r]).isCloseTo(reference(q, 0, v, 0, d), within(1e-5));
            assertThat(index.similarity(r, 29)).isEqualTo(index.similarity(29, r))
                    .isEqualTo(index.similarityUnlocked(r, 29));
            assertThat((double) index.similarity(r, 29))
                    .isCloseTo(reference(v, 0, Vectors.normalised(rows[29]), 0, d), within(1e-5));
            assertThat(index.similarityUnlocked(q, r)).isEqualTo(scores[r]);
        }
    }

    @Test
    void rowsAndCountsOutsideTheIndexAreRejected() {
        VectorIndex index = new VectorIndex(3, 1, 2);
        index.add(new float[] {1, 0, 0});
        index.add(new float[] {0, 1, 0});
        assertThat(index.matrix(2).rows()).isEqualTo(2);
        assertThat(index.matrix(0).rows()).isZero();
        assertThatThrownBy(() -> index.matrix(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.matrix(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.vector(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.vector(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.similarity(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.similarity(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.similarityUnlocked(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.similarityUnlocked(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.similarityUnlocked(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.similarityUnlocked(0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.similarityUnlocked(new float[3], 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.similarityUnlocked(new float[3], -1))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.set(2, new float[3])).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> index.set(0, new float[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VectorIndex(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VectorIndex(3, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(index.nearest(new float[] {1, 0, 0}, 0, r -> true, -2f)).isEmpty();

        index.set(1, new float[] {0, 0, 5});
        assertThat(index.vector(1)).containsExactly(0, 0, 1);
        assertThat(index.vector(0)).containsExactly(1, 0, 0);
    }

    @Test
    void theQuantisedIndexRejectsWrongQueriesAndShortlistsGenerously() {
        QuantisedIndex index = new QuantisedIndex(3, 2);
        index.add(new float[] {1, 0, 0});
        assertThat(index.dimension()).isEqualTo(3);
        assertThatThrownBy(() -> index.nearest(new float[2], 1, r -> true, -2f))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(index.nearest(new float[] {1, 0, 0}, 0, r -> true, -2f)).isEmpty();
        assertThat(index.nearest(new float[] {1, 0, 0}, 5, r -> true, -2f)).extracting(Hit::row).containsExactly(0);
        // At least k + 64 rows, and four times k for large k: a true neighbour rarely falls outside.
        assertThat(QuantisedIndex.shortlist(1)).isEqualTo(65);
        assertThat(QuantisedIndex.shortlist(100)).isEqualTo(400);
    }
}
