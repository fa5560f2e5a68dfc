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
 * shared between the tastes and diversified. Saved photos are never ranked.
 *
 * <ul>
 *   <li>Each board is a taste with several prototypes ({@link Prototypes}: its pins, or medoids of a big board), so
 *       a board of shoes and bags recommends shoes and bags, not their average.</li>
 *   <li>Similarity is the cosine of vectors centred on the collection's mean: CNN features are all alike in plain
 *       cosine, which hides what sets one shirt apart from another.</li>
 *   <li>Each photo goes to its closest prototype. The closest {@code pool / prototypes} photos of each prototype are
 *       reordered by maximal marginal relevance (Carbonell and Goldstein 1998: {@code λ·similarity − (1−λ)·max
 *       similarity to those already placed}), so they are not copies of one shoe; then the prototypes take turns,
 *       each turn best first, so a kind with a thousand look-alikes (shirts) does not push a rarer one (shoes) off the
 *       top rows. The rest follow by similarity.</li>
 * </ul>
 *
 * <p>Each prototype's similarities to every row are kept, so saving one more pin costs one pass over the matrix, a
 * pass over the kept columns and the pool's reordering: well under a second at 44,000 photos ({@code ForYouBench}).
 * An instance covers the rows present when it was made; make a new one when the collection grows. Thread-safe.
 */
public final class ForYou {
    /**
     * @param maxPrototypes prototypes per board at most (a bigger board gets that many medoids)
     * @param pool          how many of the best photos are diversified and shared out; the rest follow by similarity
     * @param lambda        similarity against novelty within a prototype's share, 0–1 (1: similarity only)
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
    private final Map<Integer, float[]> similarityOfPrototype = new HashMap<>();
    /** Each row's dot product with the collection mean, and the length of its centred vector. */
    private final float[] dotMean;
    private final float[] centredNorm;
    private final double meanSquared;

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
        double[] sum = new double[vectors.dimension()];
        for (int r = 0; r < rows; r++) {
            float[] v = vectors.vector(r);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        float[] mean = new float[sum.length];
        double squared = 0;
        for (int i = 0; i < sum.length; i++) {
            mean[i] = (float) (sum[i] / Math.max(1, rows));
            squared += (double) mean[i] * mean[i];
        }
        meanSquared = squared;
        dotMean = new float[rows];
        centredNorm = new float[rows];
        if (rows > 0 && squared > 0) {
            // scores() normalises its query: scale back to the dot product with the mean itself
            float[] cos = vectors.scores(mean, rows);
            for (int r = 0; r < rows; r++) {
                dotMean[r] = (float) (cos[r] * Math.sqrt(squared));
            }
        }
        for (int r = 0; r < rows; r++) {
            // |x - m|² = |x|² - 2 x·m + |m|², with |x| = 1
            centredNorm[r] = (float) Math.sqrt(Math.max(1e-12, 1 - 2.0 * dotMean[r] + squared));
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
        float[][] columns = new float[prototypes.length][];
        for (int p = 0; p < prototypes.length; p++) {
            columns[p] = similarityOfPrototype.computeIfAbsent(prototypes[p], this::similarities);
        }
        // each eligible row goes to its closest prototype (the first on ties)
        float[] best = new float[rows];
        int[] owner = new int[rows];
        List<Integer> eligible = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            if (saved.contains(hashOfRow.get(r))) {
                continue;
            }
            eligible.add(r);
            best[r] = columns[0][r];
            for (int p = 1; p < prototypes.length; p++) {
                if (columns[p][r] > best[r]) {
                    best[r] = columns[p][r];
                    owner[r] = p;
                }
            }
        }
        eligible.sort((a, b) -> best[a] != best[b] ? Float.compare(best[b], best[a]) : Integer.compare(a, b));
        // each prototype's share of the pool: its closest rows, diversified
        int share = Math.max(1, (int) Math.ceil(settings.pool() / (double) prototypes.length));
        List<List<Integer>> shares = new ArrayList<>();
        for (int p = 0; p < prototypes.length; p++) {
            shares.add(new ArrayList<>());
        }
        for (int r : eligible) {
            List<Integer> mine = shares.get(owner[r]);
            if (mine.size() < share) {
                mine.add(r);
            }
        }
        List<int[]> diversified = new ArrayList<>();
        for (List<Integer> mine : shares) {
            diversified.add(diversify(mine, best));
        }
        int[] ranked = new int[eligible.size()];
        Set<Integer> placed = new java.util.HashSet<>();
        int n = 0;
        // the prototypes take turns; within a turn the better photo goes first
        for (int turn = 0; ; turn++) {
            List<Integer> round = new ArrayList<>();
            for (int[] list : diversified) {
                if (turn < list.length) {
                    round.add(list[turn]);
                }
            }
            if (round.isEmpty()) {
                break;
            }
            round.sort((a, b) -> best[a] != best[b] ? Float.compare(best[b], best[a]) : Integer.compare(a, b));
            for (int r : round) {
                ranked[n++] = r;
                placed.add(r);
            }
        }
        for (int r : eligible) {
            if (!placed.contains(r)) {
                ranked[n++] = r;
            }
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

    /** Centred cosine of two rows from their plain dot product. */
    private double centred(double dot, int a, int b) {
        return (dot - dotMean[a] - dotMean[b] + meanSquared) / ((double) centredNorm[a] * centredNorm[b]);
    }

    /** A prototype's centred cosine to every row: one pass over the matrix, then arithmetic on kept figures. */
    private float[] similarities(int prototype) {
        float[] dots = vectors.scores(vectors.vector(prototype), rows);
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = (float) centred(dots[r], r, prototype);
        }
        return out;
    }

    /**
     * Maximal marginal relevance over {@code pool} (in order of similarity): each pick updates every candidate's
     * redundancy once.
     */
    private int[] diversify(List<Integer> pool, float[] similarity) {
        int n = pool.size();
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            v[i] = vectors.vector(pool.get(i));
        }
        double lambda = settings.lambda();
        double[] redundancy = new double[n]; // max similarity to the photos placed so far (0 before the first)
        boolean[] placed = new boolean[n];
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            int pick = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (placed[i]) {
                    continue;
                }
                double value = lambda * similarity[pool.get(i)] - (1 - lambda) * redundancy[i];
                if (value > bestValue) {
                    bestValue = value;
                    pick = i;
                }
            }
            placed[pick] = true;
            order[k] = pool.get(pick);
            for (int i = 0; i < n; i++) {
                if (!placed[i]) {
                    double sim = centred(Prototypes.dot(v[i], v[pick]), pool.get(i), pool.get(pick));
                    redundancy[i] = k == 0 ? sim : Math.max(redundancy[i], sim);
                }
            }
        }
        return order;
    }
}
