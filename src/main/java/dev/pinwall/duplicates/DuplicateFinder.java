package dev.pinwall.duplicates;

import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Near-duplicate photos from their vectors: two rows are near-duplicates when the cosine of their plain L2-normalised
 * embeddings reaches a threshold, and a group is a connected component of that relation (so a copy of a copy joins
 * the group of its original).
 *
 * <p>The pairs come from the exact top-{@value #NEIGHBOURS} list of every row ({@link VectorIndex#nearestOfAll}, a
 * blocked matrix product). A row whose whole list reaches the threshold may have more such neighbours; only those rows
 * are scanned again in full, so the pairs are exactly those of a brute-force comparison of every pair.
 */
public final class DuplicateFinder {
    /**
     * The default threshold: the best F1 for MobileNetV2 (ImageNet) on fashion-dev with re-encoded, resized, cropped
     * and mirrored copies of half of a sample ({@code DuplicatesBench}); other models may need another value. Below it,
     * colour variants of one product shot (the same shirt in red and in black) join the groups: the model's features
     * barely see colour.
     */
    public static final float DEFAULT_THRESHOLD = 0.95f;
    /**
     * Rounding forgiven when a score is compared with a threshold: the cosine of two identical unit vectors can come
     * out a hair under 1, and files with the same bytes must meet any threshold.
     */
    public static final float ROUNDING = 1e-6f;
    /** Neighbours looked at per row before a full scan is needed. */
    public static final int NEIGHBOURS = 10;

    private DuplicateFinder() {
    }

    /** Every pair among the first {@code rows} rows whose cosine reaches {@code threshold}, highest first. */
    public static List<SimilarPair> pairs(VectorIndex index, int rows, float threshold) {
        if (rows < 2) {
            return List.of();
        }
        float minScore = threshold - ROUNDING;
        Hit[][] lists = index.nearestOfAll(rows, Math.min(NEIGHBOURS, rows - 1));
        List<SimilarPair> pairs = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Hit[] list = lists[r];
            boolean saturated = list.length == NEIGHBOURS && list[list.length - 1].score() >= minScore;
            if (saturated) {
                // More rows may reach the threshold than the list holds: ask the index for all of them.
                int self = r;
                list = index.nearest(index.vector(r), rows, x -> x != self && x < rows, minScore).toArray(Hit[]::new);
            }
            for (Hit hit : list) {
                if (hit.score() >= minScore) {
                    pairs.add(new SimilarPair(Math.min(r, hit.row()), Math.max(r, hit.row()), hit.score()));
                }
            }
        }
        // Each pair was seen from both ends (or from one, when the other's list was full of closer rows): keep one.
        Map<Long, SimilarPair> distinct = new HashMap<>();
        for (SimilarPair pair : pairs) {
            distinct.merge(((long) pair.a() << 32) | pair.b(), pair, (x, y) -> x.score() >= y.score() ? x : y);
        }
        List<SimilarPair> out = new ArrayList<>(distinct.values());
        out.sort(Comparator.comparingDouble((SimilarPair p) -> -p.score()).thenComparingInt(SimilarPair::a)
                .thenComparingInt(SimilarPair::b));
        return out;
    }

    /** The groups of near-duplicates among the first {@code rows} rows at {@code threshold}. */
    public static List<int[]> groups(VectorIndex index, int rows, float threshold) {
        return groups(rows, pairs(index, rows, threshold), threshold);
    }

    /**
     * Connected components (union-find) of the pairs whose score reaches {@code threshold}: groups of two rows or more,
     * each sorted, ordered by their first row.
     */
    public static List<int[]> groups(int rows, List<SimilarPair> pairs, float threshold) {
        int[] parent = new int[rows];
        for (int i = 0; i < rows; i++) {
            parent[i] = i;
        }
        for (SimilarPair pair : pairs) {
            if (pair.score() >= threshold - ROUNDING) {
                int x = root(parent, pair.a());
                int y = root(parent, pair.b());
                if (x != y) {
                    parent[Math.max(x, y)] = Math.min(x, y); // the lower row is the root: groups come out in row order
                }
            }
        }
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            members.computeIfAbsent(root(parent, r), x -> new ArrayList<>()).add(r);
        }
        List<int[]> groups = new ArrayList<>();
        for (List<Integer> group : members.values()) {
            if (group.size() > 1) {
                groups.add(group.stream().mapToInt(Integer::intValue).sorted().toArray());
            }
        }
        groups.sort(Comparator.comparingInt(g -> g[0]));
        return groups;
    }

    private static int root(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]]; // path halving
            x = parent[x];
        }
        return x;
    }

    /**
     * Which of a ranked list to keep so that no two kept items are near-duplicates: each item is kept unless its
     * cosine to an item kept before it reaches {@code threshold}. Items are unit vectors; {@code seen} are vectors
     * already shown elsewhere (the pin), whose near-duplicates are dropped too.
     */
    public static boolean[] firstOfEach(List<float[]> ranked, List<float[]> seen, float threshold) {
        boolean[] keep = new boolean[ranked.size()];
        List<float[]> kept = new ArrayList<>(seen);
        for (int i = 0; i < ranked.size(); i++) {
            float[] v = ranked.get(i);
            keep[i] = kept.stream().noneMatch(k -> cosine(k, v) >= threshold - ROUNDING);
            if (keep[i]) {
                kept.add(v);
            }
        }
        return keep;
    }

    private static float cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0f : (float) (dot / Math.sqrt(na * nb));
    }
}
