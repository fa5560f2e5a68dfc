package dev.pinwall.boards;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prototypes of a board: several of its own pins that stand for it, so a board of shoes and bags is a shoe and a
 * bag, not the average of both. A board of at most {@code k} pins is all its pins; a bigger one gets {@code k}
 * medoids (k-medoids by cosine: farthest-first start from the most central pin, then alternate assignment and medoid
 * update until nothing changes). Medoids are pins, so the ranking can keep each pin's similarities between updates.
 */
public final class Prototypes {
    private static final int MAX_ITERATIONS = 30;

    private Prototypes() {
    }

    /**
     * Indices into {@code vectors} (unit length) of at most {@code k} prototypes, ascending.
     */
    public static int[] medoids(List<float[]> vectors, int k) {
        int n = vectors.size();
        if (n <= k) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        double[][] sim = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                sim[i][j] = sim[j][i] = dot(vectors.get(i), vectors.get(j));
            }
        }
        // start: the most central pin, then repeatedly the pin farthest from every chosen one
        int[] medoids = new int[k];
        double best = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int j = 0; j < n; j++) {
                total += sim[i][j];
            }
            if (total > best) {
                best = total;
                medoids[0] = i;
            }
        }
        double[] nearest = sim[medoids[0]].clone();
        for (int m = 1; m < k; m++) {
            int far = 0;
            for (int i = 1; i < n; i++) {
                if (nearest[i] < nearest[far]) {
                    far = i;
                }
            }
            medoids[m] = far;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.max(nearest[i], sim[far][i]);
            }
        }
        int[] assigned = new int[n];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            assign(sim, medoids, assigned);
            boolean changed = false;
            for (int m = 0; m < k; m++) {
                int centre = centreOf(sim, assigned, m, medoids[m]);
                changed |= centre != medoids[m];
                medoids[m] = centre;
            }
            if (!changed) {
                break;
            }
        }
        int[] sorted = Arrays.stream(medoids).distinct().sorted().toArray();
        return sorted;
    }

    /** Sum over the vectors of (1 - cosine to the nearest medoid): what k-medoids makes small. */
    public static double cost(List<float[]> vectors, int[] medoids) {
        double total = 0;
        for (float[] v : vectors) {
            double nearest = -Double.MAX_VALUE;
            for (int m : medoids) {
                nearest = Math.max(nearest, dot(v, vectors.get(m)));
            }
            total += 1 - nearest;
        }
        return total;
    }

    private static void assign(double[][] sim, int[] medoids, int[] assigned) {
        for (int i = 0; i < sim.length; i++) {
            int to = 0;
            for (int m = 1; m < medoids.length; m++) {
                if (sim[i][medoids[m]] > sim[i][medoids[to]]) {
                    to = m;
                }
            }
            assigned[i] = to;
        }
    }

    /** The member of cluster {@code m} most similar in total to the others; the current one on ties. */
    private static int centreOf(double[][] sim, int[] assigned, int m, int current) {
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < assigned.length; i++) {
            if (assigned[i] == m) {
                members.add(i);
            }
        }
        int best = current;
        double bestTotal = total(sim, members, current);
        for (int candidate : members) {
            double t = total(sim, members, candidate);
            if (t > bestTotal + 1e-12) {
                best = candidate;
                bestTotal = t;
            }
        }
        return best;
    }

    private static double total(double[][] sim, List<Integer> members, int centre) {
        double t = 0;
        for (int i : members) {
            t += sim[centre][i];
        }
        return t;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
