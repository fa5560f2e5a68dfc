package dev.pinwall.boards;

import dev.pinwall.search.VectorIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The For-you ordering of a collection: every photo ranked by how close it is to what was saved, the top of the list
 * diversified. Each board is a taste with several prototypes ({@link Prototypes}: its pins, or medoids of a big
 * board), a photo's score is its best cosine to any prototype (a board of shoes and bags recommends shoes and bags,
 * not their average), and the best {@link Settings#pool()} photos are reordered by maximal marginal relevance
 * (Carbonell and Goldstein 1998: {@code λ·score − (1−λ)·max cosine to those already placed}), so the top rows are
 * not copies of one shoe. Saved photos are never ranked.
 *
 * <p>Each prototype's cosines to every row are kept, so saving one more pin costs one pass over the matrix, the
 * maximum over the prototypes and the pool's reordering: well under a second at 44,000 photos ({@code ForYouBench}).
 * An instance covers the rows present when it was made; make a new one when the collection grows. Thread-safe.
 */
public final class ForYou {
    /**
     * @param maxPrototypes prototypes per board at most (a bigger board gets that many medoids)
     * @param pool          how many of the best photos are diversified; the rest follow by score
     * @param lambda        relevance against novelty in the pool, 0–1 (1: score only)
     */
    public record Settings(int maxPrototypes, int pool, double lambda) {
        public static final Settings DEFAULT = new Settings(12, 240, 0.6);
    }

    /**
     * The ranked rows (best first, saved photos left out) and how many prototypes made them; no prototypes when
     * nothing saved is in this collection, and then no rows.
     */
    public record Ranking(int[] rows, int prototypes) {
    }

    private final VectorIndex vectors;
    private final List<String> hashOfRow;
    private final int rows;
    private final Settings settings;
    private final Map<String, Integer> rowOfHash = new HashMap<>();
    private final Map<Integer, float[]> scoresOfPrototype = new HashMap<>();

    /**
     * @param vectors   unit vectors; rows {@code 0..hashOfRow.size()-1} are ranked
     * @param hashOfRow each row's content hash
     */
    public ForYou(VectorIndex vectors, List<String> hashOfRow, Settings settings) {
        this.vectors = vectors;
        this.hashOfRow = List.copyOf(hashOfRow);
        this.rows = hashOfRow.size();
        this.settings = settings;
        for (int r = 0; r < rows; r++) {
            rowOfHash.putIfAbsent(this.hashOfRow.get(r), r);
        }
    }

    /** How many rows this ranking covers. */
    public int rows() {
        return rows;
    }

    /**
     * Ranks the rows for the tastes of {@code boards}, leaving out every row whose content is in {@code saved}.
     */
    public synchronized Ranking rank(List<Board> boards, Set<String> saved) {
        int[] prototypes = prototypeRows(boards);
        if (prototypes.length == 0) {
            return new Ranking(new int[0], 0);
        }
        float[] score = new float[rows];
        Arrays.fill(score, Float.NEGATIVE_INFINITY);
        for (int p : prototypes) {
            float[] column = scoresOfPrototype.computeIfAbsent(p, row -> vectors.scores(vectors.vector(row), rows));
            for (int r = 0; r < rows; r++) {
                score[r] = Math.max(score[r], column[r]);
            }
        }
        List<Integer> eligible = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            if (!saved.contains(hashOfRow.get(r))) {
                eligible.add(r);
            }
        }
        eligible.sort((a, b) -> score[a] != score[b] ? Float.compare(score[b], score[a]) : Integer.compare(a, b));
        int poolSize = Math.min(settings.pool(), eligible.size());
        int[] ranked = new int[eligible.size()];
        int[] diversified = diversify(eligible.subList(0, poolSize), score);
        System.arraycopy(diversified, 0, ranked, 0, poolSize);
        for (int i = poolSize; i < ranked.length; i++) {
            ranked[i] = eligible.get(i);
        }
        return new Ranking(ranked, prototypes.length);
    }

    /** The prototypes of every board, as rows of this collection (pins that are not in it are left out). */
    int[] prototypeRows(List<Board> boards) {
        Set<Integer> all = new LinkedHashSet<>();
        for (Board board : boards) {
            List<Integer> pinRows = board.pins().stream().map(rowOfHash::get)
                    .filter(java.util.Objects::nonNull).distinct().toList();
            List<float[]> pinVectors = pinRows.stream().map(vectors::vector).toList();
            for (int m : Prototypes.medoids(pinVectors, settings.maxPrototypes())) {
                all.add(pinRows.get(m));
            }
        }
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Maximal marginal relevance over the pool (best first); each pick updates every candidate's redundancy once. */
    private int[] diversify(List<Integer> pool, float[] score) {
        int n = pool.size();
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            v[i] = vectors.vector(pool.get(i));
        }
        double lambda = settings.lambda();
        double[] redundancy = new double[n]; // max cosine to the photos placed so far (0 before the first)
        boolean[] placed = new boolean[n];
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int pick = -1;
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (placed[i]) {
                    continue;
                }
                double value = lambda * score[pool.get(i)] - (1 - lambda) * redundancy[i];
                if (value > best) {
                    best = value;
                    pick = i;
                }
            }
            placed[pick] = true;
            order[k] = pool.get(pick);
            for (int i = 0; i < n; i++) {
                if (!placed[i]) {
                    double sim = Prototypes.dot(v[i], v[pick]);
                    redundancy[i] = k == 0 ? sim : Math.max(redundancy[i], sim);
                }
            }
        }
        return order;
    }
}
