package dev.pinwall.similarity;

import dev.pinwall.search.Hit;
import dev.pinwall.search.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ReciprocalRerankerTest {
    private static float[] near(float[] centre, Random random, double noise) {
        float[] v = centre.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (random.nextGaussian() * noise);
        }
        return Vectors.normalised(v);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Candidates ranked by plain cosine, as the index would return them. */
    private static List<Hit> byCosine(float[] query, List<float[]> vectors) {
        List<Hit> hits = new ArrayList<>();
        for (int r = 0; r < vectors.size(); r++) {
            hits.add(new Hit(r, (float) dot(query, vectors.get(r))));
        }
        hits.sort(Comparator.comparingDouble(h -> -h.score()));
        return hits;
    }

    @Test
    void withAllWeightOnTheOriginalDistanceTheOrderIsThePlainRanking() {
        Random random = new Random(3);
        float[] centre = near(new float[16], random, 1);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            vectors.add(near(centre, random, 0.5));
        }
        float[] query = near(centre, random, 0.5);
        List<Hit> plain = byCosine(query, vectors);
        List<Hit> reranked = new ReciprocalReranker(5, 3, 1.0).rerank(query, plain,
                plain.stream().map(h -> vectors.get(h.row())).toList(), 10);
        assertThat(reranked).containsExactlyElementsOf(plain.subList(0, 10));
    }

    @Test
    void reRankingOnlyReordersTheCandidates() {
        Random random = new Random(8);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            vectors.add(near(new float[8], random, 1));
        }
        float[] query = near(new float[8], random, 1);
        List<Hit> plain = byCosine(query, vectors).subList(0, 25);
        List<Hit> reranked = ReciprocalReranker.DEFAULT.rerank(query, plain,
                plain.stream().map(h -> vectors.get(h.row())).toList(), 25);
        assertThat(reranked).containsExactlyInAnyOrderElementsOf(plain);
    }
}
