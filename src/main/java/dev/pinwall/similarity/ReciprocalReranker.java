package dev.pinwall.similarity;

import dev.pinwall.search.Hit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * k-reciprocal re-ranking (Zhong et al., "Re-ranking person re-identification with k-reciprocal encoding", CVPR
 * 2017) of one query's candidate list: two photos are close when they share their k-reciprocal neighbourhoods, not
 * only when their vectors are. Runs on the query plus its candidates only (O(m²·d) for m candidates), never on the
 * whole collection, whose N² cost would be seconds at a few thousand photos.
 *
 * @param k1     size of the reciprocal neighbourhood
 * @param k2     neighbours averaged in the local query expansion of the encodings
 * @param lambda weight of the original distance in the final one (the rest is the Jaccard distance)
 */
public record ReciprocalReranker(int k1, int k2, double lambda) {

    /** The settings of the measurement: k1 = 50, k2 = 6, λ = 0.6 (the paper uses 20, 6, 0.3). */
    public static final ReciprocalReranker DEFAULT = new ReciprocalReranker(50, 6, 0.6);

    /** Candidates fetched per query before re-ranking: twice k1, so every candidate can have k1 neighbours. */
    public int candidates() {
        return 2 * k1;
    }

    /**
     * Re-orders {@code candidates} of {@code query}; scores stay the candidates' cosine similarities.
     *
     * @param query   the query's unit vector
     * @param vectors the candidates' unit vectors, same order as {@code candidates}
     * @param k       how many to return
     */
    public List<Hit> rerank(float[] query, List<Hit> candidates, List<float[]> vectors, int k) {
        int n = candidates.size() + 1;
        if (candidates.size() < 2) {
            return candidates.subList(0, Math.min(k, candidates.size()));
        }
        float[][] all = new float[n][];
        all[0] = query;
        for (int i = 1; i < n; i++) {
            all[i] = vectors.get(i - 1);
        }
        // Squared Euclidean distance of unit vectors, each row scaled by its largest value (as in the paper's code).
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double d = Math.max(0, 2 - 2 * dot(all[i], all[j]));
                dist[i][j] = d;
                dist[j][i] = d;
            }
        }
        for (double[] row : dist) {
            double max = Arrays.stream(row).max().orElse(1);
            if (max > 0) {
                for (int j = 0; j < n; j++) {
                    row[j] /= max;
                }
            }
        }
        int[][] rank = new int[n][];
        for (int i = 0; i < n; i++) {
            double[] row = dist[i];
            int self = i;
            rank[i] = java.util.stream.IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> row[j]).thenComparing(j -> j != self))
                    .mapToInt(Integer::intValue).toArray();
        }
        int kk1 = Math.min(k1, n - 1);
        int half = Math.min((int) Math.round(k1 / 2.0), n - 1);
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            int[] reciprocal = reciprocal(rank, i, kk1);
            boolean[] expansion = new boolean[n];
            for (int j : reciprocal) {
                expansion[j] = true;
            }
            for (int candidate : reciprocal) {
                int[] candidateSet = reciprocal(rank, candidate, half);
                int shared = 0;
                for (int j : candidateSet) {
                    if (contains(reciprocal, j)) {
                        shared++;
                    }
                }
                if (shared > 2.0 / 3.0 * candidateSet.length) {
                    for (int j : candidateSet) {
                        expansion[j] = true;
                    }
                }
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                if (expansion[j]) {
                    v[i][j] = Math.exp(-dist[i][j]);
                    sum += v[i][j];
                }
            }
            for (int j = 0; j < n; j++) {
                v[i][j] /= sum;
            }
        }
        if (k2 > 1) {
            double[][] expanded = new double[n][n];
            int depth = Math.min(k2, n);
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < depth; t++) {
                    double[] other = v[rank[i][t]];
                    for (int j = 0; j < n; j++) {
                        expanded[i][j] += other[j] / depth;
                    }
                }
            }
            v = expanded;
        }
        List<double[]> order = new ArrayList<>(); // {final distance, candidate index}
        for (int c = 1; c < n; c++) {
            double shared = 0;
            for (int j = 0; j < n; j++) {
                shared += Math.min(v[0][j], v[c][j]);
            }
            double jaccard = 1 - shared / (2 - shared);
            order.add(new double[] {(1 - lambda) * jaccard + lambda * dist[0][c], c - 1});
        }
        order.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        List<Hit> out = new ArrayList<>(Math.min(k, order.size()));
        for (int i = 0; i < Math.min(k, order.size()); i++) {
            out.add(candidates.get((int) order.get(i)[1]));
        }
        return out;
    }

    /** The k-reciprocal neighbours of {@code i}: among its k nearest, those that have {@code i} among theirs. */
    private static int[] reciprocal(int[][] rank, int i, int k) {
        int[] forward = Arrays.copyOf(rank[i], k + 1);
        return Arrays.stream(forward)
                .filter(j -> contains(Arrays.copyOf(rank[j], k + 1), i))
                .toArray();
    }

    private static boolean contains(int[] values, int value) {
        for (int x : values) {
            if (x == value) {
                return true;
            }
        }
        return false;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
