package dev.pinwall.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The int8 scan with exact re-scoring against the exact float index as brute-force reference. */
class QuantisedIndexTest {
    @TempDir
    Path temp;

    /** Real MobileNetV2 vectors mixed into 6,000 rows when a dev store is there, else clustered 1280-d ones. */
    private float[][] rows() throws Exception {
        List<float[]> base = DevVectors.real(temp).orElseGet(() -> DevVectors.clustered(60, 70, 1280, 3));
        return DevVectors.derived(base, 6_000, 11);
    }

    @Test
    void recallAtTenAgainstTheExactScanIsAtLeast099AndScoresAreExact() throws Exception {
        float[][] rows = rows();
        VectorIndex exact = new VectorIndex(rows[0].length, rows.length);
        for (float[] row : rows) {
            exact.add(row);
        }
        QuantisedIndex int8 = QuantisedIndex.of(exact);
        float[][] outside = DevVectors.derived(List.of(rows), 60, 12);
        int found = 0;
        int wanted = 0;
        for (int q = 0; q < 120; q++) {
            List<Hit> truth;
            List<Hit> got;
            float[] query;
            if (q < 60) {
                int row = q * 97;
                query = exact.vector(row);
                truth = exact.nearest(row, 10, r -> true, -2f);
                got = int8.nearest(row, 10, r -> true, -2f);
            } else {
                query = outside[q - 60];
                truth = exact.nearest(query, 10, r -> true, -2f);
                got = int8.nearest(query, 10, r -> true, -2f);
            }
            Matrix m = exact.matrix(exact.size());
            float[] unit = Vectors.normalised(query);
            assertThat(got).hasSize(10);
            Set<Integer> truthRows = new HashSet<>();
            truth.forEach(h -> truthRows.add(h.row()));
            for (Hit h : got) {
                found += truthRows.contains(h.row()) ? 1 : 0;
                // Re-scored with the exact kernel: the float index's own score, to the bit.
                assertThat(h.score()).isEqualTo(m.dot(unit, h.row()));
            }
            wanted += 10;
        }
        double recall = found / (double) wanted;
        System.out.printf("int8 recall@10 %.4f over %d queries (%s vectors)%n", recall, wanted / 10,
                DevVectors.store().isPresent() ? "fashion-dev" : "clustered synthetic");
        assertThat(recall).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void filtersAndMinimumScoreAreRespectedAndKIsReturnedWhenKRowsQualify() throws Exception {
        float[][] rows = DevVectors.derived(DevVectors.clustered(20, 30, 200, 5), 3_000, 6);
        QuantisedIndex int8 = new QuantisedIndex(200, 10);
        for (float[] row : rows) {
            int8.add(row);
        }
        VectorIndex exact = int8.exact();
        float[] q = rows[17];
        IntPredicate fifteen = r -> r % 200 == 3; // 15 rows qualify
        List<Hit> filtered = int8.nearest(q, 10, fifteen, -2f);
        assertThat(filtered).hasSize(10).allMatch(h -> fifteen.test(h.row()));
        assertThat(filtered).containsExactlyElementsOf(exact.nearest(q, 10, fifteen, -2f));
        assertThat(int8.nearest(q, 20, fifteen, -2f)).hasSize(15);
        assertThat(int8.nearest(q, 10, r -> r == 5 || r == 2_999, -2f)).extracting(Hit::row)
                .containsExactlyInAnyOrder(5, 2_999);

        // A minimum score: exactly the rows whose exact score reaches it, however many the shortlist would hold.
        float[] scores = exact.scores(q, exact.size());
        float[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        for (int above : new int[] {3, 40, 500}) {
            float min = sorted[sorted.length - above];
            List<Hit> got = int8.nearest(q, 1_000, r -> true, min);
            assertThat(got).hasSize(above).allMatch(h -> h.score() >= min);
            assertThat(got).containsExactlyElementsOf(exact.nearest(q, 1_000, r -> true, min));
        }
    }

    @Test
    void rowsAddedToTheExactIndexLaterAndChangedRowsAreSearched() {
        List<float[]> base = DevVectors.clustered(10, 20, 64, 8);
        VectorIndex exact = new VectorIndex(64, 4);
        QuantisedIndex int8 = new QuantisedIndex(exact, 7); // 7 rows per chunk of codes: many chunks
        for (int r = 0; r < 150; r++) {
            exact.add(base.get(r));
        }
        assertThat(int8.nearest(base.get(149), 1, r -> true, -2f)).extracting(Hit::row).containsExactly(149);
        int row = int8.add(base.get(150));
        assertThat(int8.size()).isEqualTo(151);
        assertThat(int8.nearest(base.get(150), 1, r -> true, -2f)).extracting(Hit::row).containsExactly(row);
        int8.set(3, base.get(199));
        assertThat(int8.nearest(base.get(199), 1, r -> true, -2f)).extracting(Hit::row).containsExactly(3);
        assertThat(int8.vector(3)).isEqualTo(Vectors.normalised(base.get(199)));
        for (float[] q : base.subList(160, 200)) {
            assertThat(int8.nearest(q, 10, r -> true, -2f)).containsExactlyElementsOf(exact.nearest(q, 10, r -> true, -2f));
        }
    }
}
