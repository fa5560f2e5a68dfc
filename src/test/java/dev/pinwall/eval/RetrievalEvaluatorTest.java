package dev.pinwall.eval;

import dev.pinwall.search.VectorIndex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class RetrievalEvaluatorTest {

    @Test
    void perfectlySeparatedClassesScoreOne() {
        VectorIndex index = new VectorIndex(2, 8);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            index.add(new float[]{1, 0.01f * i});
            labels.add("a");
            index.add(new float[]{-0.01f * i, 1});
            labels.add("b");
        }
        RetrievalScores scores = RetrievalEvaluator.evaluate(index, labels, 10);
        assertThat(scores.queries()).isEqualTo(24);
        assertThat(scores.precisionAtK()).isEqualTo(1.0);
        assertThat(scores.precisionAt5()).isEqualTo(1.0);
        assertThat(scores.mapAtK()).isCloseTo(1.0, offset(1e-9));
    }

    @Test
    void countsOnlyLabelsWithMoreThanKMembersAsQueries() {
        VectorIndex index = new VectorIndex(2, 8);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            index.add(new float[]{1, i});
            labels.add("big");
        }
        for (int i = 0; i < 10; i++) {
            index.add(new float[]{-1, i});
            labels.add("small");
        }
        assertThat(RetrievalEvaluator.evaluate(index, labels, 10).queries()).isEqualTo(11);
    }

    @Test
    void agreesWithANaiveFullSortReference() {
        java.util.Random random = new java.util.Random(11);
        int n = 400;
        int d = 6;
        float[][] vectors = new float[n][d];
        List<String> labels = new ArrayList<>();
        VectorIndex index = new VectorIndex(d, n);
        for (int r = 0; r < n; r++) {
            int label = random.nextInt(7) == 0 ? 7 + random.nextInt(30) : random.nextInt(4);
            for (int i = 0; i < d; i++) {
                vectors[r][i] = (float) random.nextGaussian() + (i == label % d ? 2f : 0f);
            }
            labels.add("c" + label);
            index.add(vectors[r]);
        }
        int k = 10;
        double p5 = 0, p10 = 0, ap = 0;
        int queries = 0;
        for (int q = 0; q < n; q++) {
            final int query = q;
            long members = labels.stream().filter(labels.get(q)::equals).count();
            if (members <= k) {
                continue;
            }
            List<Integer> ranked = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                if (r != q) {
                    ranked.add(r);
                }
            }
            ranked.sort(java.util.Comparator.comparingDouble((Integer r) -> -cosine(vectors[query], vectors[r])));
            int hits = 0;
            double precisionSum = 0;
            for (int i = 0; i < k; i++) {
                if (labels.get(ranked.get(i)).equals(labels.get(q))) {
                    hits++;
                    precisionSum += (double) hits / (i + 1);
                }
                if (i == 4) {
                    p5 += hits / 5.0;
                }
            }
            p10 += hits / (double) k;
            ap += precisionSum / Math.min(k, members - 1);
            queries++;
        }
        RetrievalScores scores = RetrievalEvaluator.evaluate(index, labels, k);
        assertThat(scores.queries()).isEqualTo(queries).isGreaterThan(300);
        assertThat(scores.precisionAt5()).isCloseTo(p5 / queries, offset(1e-9));
        assertThat(scores.precisionAtK()).isCloseTo(p10 / queries, offset(1e-9));
        assertThat(scores.mapAtK()).isCloseTo(ap / queries, offset(1e-9));
        assertThat(scores.precisionAtK()).isBetween(0.3, 0.95);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
