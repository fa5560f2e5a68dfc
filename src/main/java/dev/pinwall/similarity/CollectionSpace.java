package dev.pinwall.similarity;

import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.search.Vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.ObjIntConsumer;
import java.util.stream.IntStream;

/**
 * The collection-aware similarity of one collection and one model, fitted on the vectors of a {@link VectorIndex}
 * (its rows are this space's rows) and kept up to date as rows are appended there.
 *
 * <p>Each vector is transformed as: signed square root, minus the collection's mean, L2 (per block of a
 * {@link FeatureLayout}, then weighted). Then <em>database-side augmentation</em>: each row is replaced by the
 * weighted sum of itself and its {@value #NEIGHBOURS} nearest rows (weights similarity³; Arandjelović and Zisserman
 * 2012, Gordo et al. 2017), so that a photo is searched and found through its neighbourhood. Queries from outside
 * the collection get α-query-expansion ({@value #EXPANSION} neighbours, weights similarity³) instead.
 *
 * <p>Refresh policy: neighbour lists are kept exact as rows arrive (a new row gets its top-10, and every row whose
 * top-10 it enters is updated; one pass over the matrix per new row, like a query). The mean is refitted when the
 * collection has grown by {@link #REFIT_GROWTH} since the last fit: all vectors are then re-centred and every row's
 * neighbour weights recomputed (O(n·10·d)), but neighbour lists keep their members; {@link #fit()} recomputes them
 * from scratch (O(n²·d)). Thread-safe: writes and queries are serialised; {@link #fit()} computes outside the lock.
 */
public final class CollectionSpace {
    /** Neighbours of each row in the augmentation. */
    public static final int NEIGHBOURS = 10;
    /** Rows computed at once by {@link #onAllCores}: a few MB of vectors in flight. */
    private static final int PARALLEL_BLOCK = 2_048;
    /** Neighbours of an outside query in its expansion. */
    public static final int EXPANSION = 3;
    /** The mean is refitted once the collection has grown by this fraction since it was last fitted. */
    public static final double REFIT_GROWTH = 0.2;

    private final VectorIndex source;
    private final FeatureLayout layout;
    private final double refitGrowth;
    private final boolean prepared;

    private float[] mean; // in rooted space; null until fitted
    private int meanRows;
    private int rows;
    private VectorIndex centred;
    private VectorIndex augmented;
    private final List<int[]> neighbours = new ArrayList<>();
    private final List<float[]> weights = new ArrayList<>();
    private final BitSet changed = new BitSet();
    private boolean meanChanged;

    public CollectionSpace(VectorIndex source, FeatureLayout layout) {
        this(source, layout, REFIT_GROWTH, false);
    }

    /** With another refit threshold (tests use this to keep one mean while rows are added). */
    public CollectionSpace(VectorIndex source, FeatureLayout layout, double refitGrowth) {
        this(source, layout, refitGrowth, false);
    }

    /**
     * A space over vectors already rooted and centred by the caller (e.g. a learned projection's output): no signed
     * root and no mean here (the mean stays zero), only L2 per block, neighbours and augmentation.
     */
    public static CollectionSpace ofPrepared(VectorIndex source, FeatureLayout layout) {
        return new CollectionSpace(source, layout, REFIT_GROWTH, true);
    }

    private CollectionSpace(VectorIndex source, FeatureLayout layout, double refitGrowth, boolean prepared) {
        if (layout.dimension() != source.dimension()) {
            throw new IllegalArgumentException("layout of " + layout.dimension() + " dimensions for an index of "
                    + source.dimension());
        }
        this.source = source;
        this.layout = layout;
        this.refitGrowth = refitGrowth;
        this.prepared = prepared;
    }

    /** Whether vectors skip the signed root and centring ({@link #ofPrepared}). */
    public boolean isPrepared() {
        return prepared;
    }

    public synchronized boolean isFitted() {
        return mean != null;
    }

    /** Rows of the source this space covers; the rest wait for {@link #catchUp()}. */
    public synchronized int size() {
        return rows;
    }

    /** Rows the mean was last fitted on. */
    public synchronized int fittedRows() {
        return meanRows;
    }

    public FeatureLayout layout() {
        return layout;
    }

    /**
     * Fits from scratch on every row of the source: the mean, exact top-10 lists (all pairs, O(n²·d), on all cores)
     * and the augmented vectors. Queries keep using the previous state until the new one is in place.
     */
    public void fit() {
        int n = source.size();
        float[] m = meanOf(n);
        VectorIndex c = new VectorIndex(source.dimension(), n);
        onAllCores(n, r -> layout.centred(root(source.vector(r)), m), (v, r) -> c.add(v));
        Hit[][] nearest = c.nearestOfAll(n, NEIGHBOURS);
        synchronized (this) {
            neighbours.clear();
            weights.clear();
            for (Hit[] hits : nearest) {
                int[] rowsOf = new int[hits.length];
                float[] scores = new float[hits.length];
                for (int i = 0; i < hits.length; i++) {
                    rowsOf[i] = hits[i].row();
                    scores[i] = hits[i].score();
                }
                neighbours.add(rowsOf);
                weights.add(scores);
            }
            // Weights in the arithmetic of later updates and of a restore, so a restored space is identical.
            centred = c;
            IntStream.range(0, n).parallel().forEach(this::reweigh);
            install(m, n, c);
            catchUpLocked();
        }
    }

    /**
     * Takes a state saved earlier ({@link #takeState()}): the mean, and the neighbour lists of the rows that have one.
     * Rows without a list are linked as if they had just been added. Equal to the space that was saved when the
     * rows are the same.
     *
     * @param lists row to its neighbours' rows; rows out of range are ignored
     */
    public void restore(float[] savedMean, int savedMeanRows, Map<Integer, int[]> lists) {
        // Built in a space of its own, then swapped in: queries meanwhile use the state before (unfitted at a start,
        // so the plain cosine) instead of waiting seconds for this lock at 44,000 photos.
        CollectionSpace fresh = new CollectionSpace(source, layout, refitGrowth, prepared);
        fresh.restoreHere(savedMean, savedMeanRows, lists);
        synchronized (this) {
            synchronized (fresh) {
                mean = fresh.mean;
                meanRows = fresh.meanRows;
                rows = fresh.rows;
                centred = fresh.centred;
                augmented = fresh.augmented;
                neighbours.clear();
                neighbours.addAll(fresh.neighbours);
                weights.clear();
                weights.addAll(fresh.weights);
                changed.clear();
                changed.or(fresh.changed);
                meanChanged = fresh.meanChanged;
            }
            catchUpLocked();
        }
    }

    private synchronized void restoreHere(float[] savedMean, int savedMeanRows, Map<Integer, int[]> lists) {
        if (savedMean.length != source.dimension()) {
            throw new IllegalArgumentException("saved mean has " + savedMean.length + " dimensions, index has "
                    + source.dimension());
        }
        int n = source.size();
        VectorIndex c = new VectorIndex(source.dimension(), n);
        onAllCores(n, r -> layout.centred(root(source.vector(r)), savedMean), (v, r) -> c.add(v));
        neighbours.clear();
        weights.clear();
        List<Integer> unlinked = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            int[] list = lists.get(r);
            if (list == null) {
                neighbours.add(null);
                weights.add(null);
                unlinked.add(r);
                continue;
            }
            int self = r;
            int[] kept = Arrays.stream(list).filter(j -> j >= 0 && j < n && j != self).toArray();
            neighbours.add(kept);
            weights.add(new float[kept.length]);
        }
        centred = c;
        rows = n;
        // Each row writes only its own slots of the lists (no structural change), so rows can go in parallel.
        IntStream.range(0, n).parallel().filter(r -> neighbours.get(r) != null).forEach(this::reweigh);
        BitSet dirty = new BitSet();
        for (int r : unlinked) {
            dirty.or(link(r, centred.scores(centred.vector(r), n)));
            dirty.set(r);
        }
        install(savedMean, savedMeanRows, c);
        changed.clear();
        changed.or(dirty);
        meanChanged = false;
        catchUpLocked();
    }

    /** Adds the rows the source has gained since the last call (each linked exactly), refitting the mean if due. */
    public synchronized void catchUp() {
        catchUpLocked();
    }

    /** The augmented unit vector of a row. */
    public synchronized float[] vector(int row) {
        return augmented.vector(row);
    }

    synchronized VectorIndex augmentedForTests() {
        return augmented;
    }

    /** The centred (not augmented) unit vector of a row: what re-ranking compares. */
    public synchronized float[] centredVector(int row) {
        return centred.vector(row);
    }

    /** An image from outside the collection, centred like the rows (not expanded). */
    public synchronized float[] centredQuery(float[] raw) {
        return Vectors.normalised(layout.centred(root(Vectors.normalised(raw)), mean));
    }

    /** The {@code k} rows nearest to a centred query among the centred (not augmented) rows. */
    public synchronized List<Hit> nearestCentred(float[] query, int k, IntPredicate accept, float minScore) {
        return centred.nearest(query, k, accept, minScore);
    }

    /** The centred, not augmented, index (for measurements). */
    synchronized VectorIndex centredIndex() {
        return centred;
    }

    /** The {@code k} rows nearest to row {@code row} (itself excluded) in the augmented space. */
    public synchronized List<Hit> nearest(int row, int k, IntPredicate accept, float minScore) {
        return augmented.nearest(row, k, accept, minScore);
    }

    /** The query vector of an image from outside the collection: centred, then expanded with its nearest rows. */
    public synchronized float[] outsideQuery(float[] raw, IntPredicate accept) {
        float[] q = centredQuery(raw);
        List<Hit> first = augmented.nearest(q, EXPANSION, accept, Float.NEGATIVE_INFINITY);
        float[] expanded = q.clone();
        for (Hit hit : first) {
            addScaled(expanded, augmented.vector(hit.row()), weight(hit.score()));
        }
        return Vectors.normalised(expanded);
    }

    /** The {@code k} rows nearest to an image from outside the collection (raw backbone vector). */
    public synchronized List<Hit> nearest(float[] raw, int k, IntPredicate accept, float minScore) {
        return augmented.nearest(outsideQuery(raw, accept), k, accept, minScore);
    }

    /** The {@code k} rows nearest to an already transformed query vector (e.g. {@link #outsideQuery}). */
    public synchronized List<Hit> nearestTo(float[] query, int k, IntPredicate accept, float minScore) {
        return augmented.nearest(query, k, accept, minScore);
    }

    /**
     * What to save: the mean and every row's neighbour list, and which rows changed since the last call (all of them
     * after a fit); the next call reports only later changes.
     */
    public synchronized State takeState() {
        Map<Integer, int[]> lists = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            lists.put(r, neighbours.get(r).clone());
        }
        State state = new State(mean == null ? null : mean.clone(), meanRows, lists, (BitSet) changed.clone(),
                meanChanged);
        changed.clear();
        meanChanged = false;
        return state;
    }

    /**
     * A saveable state of the space.
     *
     * @param mean        the mean in rooted space, or null when unfitted
     * @param meanRows    rows the mean was fitted on
     * @param neighbours  row to its neighbours' rows, nearest first
     * @param changed     rows whose list changed since last saved
     * @param meanChanged whether the mean changed since last saved
     */
    public record State(float[] mean, int meanRows, Map<Integer, int[]> neighbours, BitSet changed,
                        boolean meanChanged) {
    }

    // ---------------------------------------------------------------------------------------------- internals

    private void install(float[] m, int fittedOn, VectorIndex c) {
        mean = m;
        meanRows = fittedOn;
        centred = c;
        rows = c.size();
        VectorIndex a = new VectorIndex(source.dimension(), rows);
        augmented = a;
        onAllCores(rows, this::augment, (v, r) -> a.add(v));
        changed.set(0, rows);
        meanChanged = true;
    }

    private void catchUpLocked() {
        if (mean == null) {
            return;
        }
        int n = source.size();
        for (int r = rows; r < n; r++) {
            int row = centred.add(layout.centred(root(source.vector(r)), mean));
            neighbours.add(null);
            weights.add(null);
            rows = row + 1;
            BitSet touched = link(row, centred.scores(centred.vector(row), rows));
            augmented.add(augment(row));
            touched.stream().forEach(j -> augmented.set(j, augment(j)));
        }
        if (rows > meanRows && rows >= meanRows * (1 + refitGrowth)) {
            refitMean();
        }
    }

    /**
     * Gives row {@code r} its exact top-10 among the scored rows, and enters it into the list of every other linked
     * row whose top-10 it belongs in. Returns those other rows.
     */
    private BitSet link(int r, float[] scores) {
        int[] best = new int[Math.min(NEIGHBOURS, scores.length - 1)];
        float[] bestScores = new float[best.length];
        int size = 0;
        BitSet touched = new BitSet();
        for (int j = 0; j < scores.length; j++) {
            if (j == r) {
                continue;
            }
            size = offer(best, bestScores, size, j, scores[j]);
            int[] list = neighbours.get(j);
            if (list != null && offerTo(j, r, scores[j])) {
                touched.set(j);
            }
        }
        neighbours.set(r, best);
        weights.set(r, bestScores);
        changed.set(r);
        changed.or(touched);
        return touched;
    }

    /** Inserts (row, score) into a sorted top list of capacity {@code rowsOf.length}; returns the new size. */
    private static int offer(int[] rowsOf, float[] scores, int size, int row, float score) {
        int k = rowsOf.length;
        if (k == 0 || size == k && score <= scores[k - 1]) {
            return size;
        }
        int i = size < k ? size++ : k - 1;
        while (i > 0 && scores[i - 1] < score) {
            rowsOf[i] = rowsOf[i - 1];
            scores[i] = scores[i - 1];
            i--;
        }
        rowsOf[i] = row;
        scores[i] = score;
        return size;
    }

    /** Offers a new row to row {@code j}'s list, growing it up to {@value #NEIGHBOURS}; true when it got in. */
    private boolean offerTo(int j, int row, float score) {
        int[] list = neighbours.get(j);
        float[] scores = weights.get(j);
        for (int member : list) {
            if (member == row) {
                return false; // a restored list may already hold it
            }
        }
        if (list.length < NEIGHBOURS) {
            list = Arrays.copyOf(list, list.length + 1);
            scores = Arrays.copyOf(scores, scores.length + 1);
            int size = offer(list, scores, list.length - 1, row, score);
            neighbours.set(j, list);
            weights.set(j, scores);
            return size == list.length;
        }
        if (score <= scores[scores.length - 1]) {
            return false;
        }
        offer(list, scores, list.length, row, score);
        return true;
    }

    /** Recomputes a row's neighbour similarities from the centred vectors and re-sorts its list. */
    private void reweigh(int r) {
        int[] list = neighbours.get(r);
        int[] sorted = new int[list.length];
        float[] scores = new float[list.length];
        int size = 0;
        for (int j : list) {
            size = offer(sorted, scores, size, j, centred.similarity(r, j));
        }
        neighbours.set(r, sorted);
        weights.set(r, scores);
    }

    private void refitMean() {
        float[] m = meanOf(rows);
        onAllCores(rows, r -> layout.centred(root(source.vector(r)), m), (v, r) -> centred.set(r, v));
        mean = m;
        meanRows = rows;
        meanChanged = true;
        IntStream.range(0, rows).parallel().forEach(this::reweigh);
        onAllCores(rows, this::augment, (v, r) -> augmented.set(r, v));
    }

    /** The row's centred vector plus its neighbours' weighted by similarity³ (negative similarities count 0). */
    private float[] augment(int r) {
        float[] sum = centred.vector(r);
        int[] list = neighbours.get(r);
        float[] scores = weights.get(r);
        for (int i = 0; i < list.length; i++) {
            addScaled(sum, centred.vector(list[i]), weight(scores[i]));
        }
        return sum;
    }

    /** Rows computed in parallel, a block at a time (bounded memory), then handed to {@code sink} in row order. */
    private static void onAllCores(int n, IntFunction<float[]> compute, ObjIntConsumer<float[]> sink) {
        for (int start = 0; start < n; start += PARALLEL_BLOCK) {
            int from = start;
            float[][] block = IntStream.range(from, Math.min(n, from + PARALLEL_BLOCK)).parallel().mapToObj(compute)
                    .toArray(float[][]::new);
            for (int i = 0; i < block.length; i++) {
                sink.accept(block[i], from + i);
            }
        }
    }

    private static float weight(float similarity) {
        float s = Math.max(0f, similarity);
        return s * s * s;
    }

    /** The signed root, unless the vectors come prepared. */
    private float[] root(float[] vector) {
        return prepared ? vector : FeatureLayout.rooted(vector);
    }

    private float[] meanOf(int n) {
        double[] sum = new double[source.dimension()];
        if (prepared) {
            return new float[sum.length]; // prepared vectors are centred already: a zero mean
        }
        for (int r = 0; r < n; r++) {
            float[] v = root(source.vector(r));
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        float[] m = new float[sum.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = n == 0 ? 0f : (float) (sum[i] / n);
        }
        return m;
    }

    private static void addScaled(float[] into, float[] v, float scale) {
        for (int i = 0; i < into.length; i++) {
            into[i] += scale * v[i];
        }
    }
}
