package dev.pinwall.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Cosine search that scans compact int8 copies of the vectors and re-scores a shortlist exactly: a quarter of the
 * memory traffic of the float scan, the same final scores. Each unit vector is stored beside its float row (in an
 * exact {@link VectorIndex}) as one byte per dimension and one scale per row ({@code x ≈ scale · code}, codes in
 * [-127, 127], scale = the row's largest magnitude / 127). A query is one pass of float-query · int8-code products
 * (SIMD, on all cores for large collections) that keeps the best {@link #shortlist} accepted rows, then those rows
 * are scored with the exact float kernel and the best {@code k} returned: scores equal {@link VectorIndex#nearest}'s
 * to the bit, and a result differs from the exact one only when a true neighbour fell outside the shortlist.
 *
 * <p>Rows appended to the exact index by other code (when built with {@link #of}) are quantised before the next
 * query; a row changed in place must go through {@link #set}. Thread-safe like {@link VectorIndex}.
 */
public final class QuantisedIndex implements NearestNeighbours {
    /** Bytes per full chunk of codes (16 MB), whole rows only. */
    static final int CHUNK_BYTES = 1 << 24;

    private final VectorIndex exact;
    private final int dimension;
    private final int rowsPerChunk;
    /** Replaced, never changed in place, when a chunk is added, so a reader's snapshot stays valid. */
    private byte[][] codes = new byte[0][];
    private float[] scales = new float[16];
    private float maxScale;
    private int rows;

    private QuantisedIndex(VectorIndex exact) {
        this(exact, Math.max(1, CHUNK_BYTES / exact.dimension()));
    }

    /** With another chunk size (tests force many chunks with a tiny one). */
    QuantisedIndex(VectorIndex exact, int rowsPerChunk) {
        this.exact = exact;
        this.dimension = exact.dimension();
        this.rowsPerChunk = rowsPerChunk;
    }

    /** An empty index of unit vectors of {@code dimension}; rows are added with {@link #add}. */
    public QuantisedIndex(int dimension, int expectedRows) {
        this(new VectorIndex(dimension, expectedRows));
        scales = new float[Math.max(16, expectedRows)];
    }

    /**
     * An int8 index over the rows of {@code exact}, sharing its float rows (which re-score the shortlist): quantises
     * them now, and rows added to {@code exact} later before the next query.
     */
    public static QuantisedIndex of(VectorIndex exact) {
        QuantisedIndex index = new QuantisedIndex(exact);
        index.catchUp();
        return index;
    }

    /** The exact float index that holds the rows. */
    public VectorIndex exact() {
        return exact;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return exact.size();
    }

    @Override
    public synchronized int add(float[] vector) {
        int row = exact.add(vector);
        catchUp();
        return row;
    }

    /** Replaces the vector of an existing row (normalised), in the float rows and the codes. */
    public synchronized void set(int row, float[] vector) {
        exact.set(row, vector);
        catchUp();
        quantise(row, exact.vector(row));
    }

    @Override
    public float[] vector(int row) {
        return exact.vector(row);
    }

    /** How many rows the exact float scan re-scores for a query of {@code k}. */
    static int shortlist(int k) {
        return Math.max(4 * k, k + 64);
    }

    @Override
    public List<Hit> nearest(float[] query, int k, IntPredicate accept, float minScore) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, index has " + dimension);
        }
        if (k <= 0) {
            return List.of();
        }
        float[] q = Vectors.normalised(query);
        byte[][] c;
        float[] s;
        int n;
        float bound;
        synchronized (this) {
            catchUp();
            c = codes;
            s = scales;
            n = rows;
            bound = maxScale;
        }
        // |exact - approximate| ≤ Σ|q_i| · scale / 2 (each code is off by half a step at most), plus float rounding:
        // a row whose exact score reaches minScore is never cut before re-scoring.
        double l1 = 0;
        for (float x : q) {
            l1 += Math.abs(x);
        }
        float loose = (float) (minScore - l1 * bound / 2 - 1e-4);
        int wanted = shortlist(k);
        int d = dimension;
        TopK approximate = Scan.inStretches(n, (long) n * d / Float.BYTES,
                (from, to) -> scanCodes(q, c, s, from, to, wanted, accept, loose));
        Matrix m = exact.matrix(n);
        TopK top = new TopK(k);
        Hit[] candidates = approximate.best();
        for (Hit h : candidates) {
            float score = m.dot(q, h.row());
            if (score >= minScore) {
                top.offer(h.row(), score);
            }
        }
        Hit[] best = top.best();
        if (best.length < k && candidates.length == wanted) {
            // The shortlist was full yet too few of it reached minScore exactly: others might; settle it exactly.
            best = Scan.nearest(q, m, k, accept, minScore);
        }
        return new ArrayList<>(Arrays.asList(best));
    }

    private TopK scanCodes(float[] q, byte[][] c, float[] s, int from, int to, int k, IntPredicate accept,
                           float minScore) {
        TopK top = new TopK(k);
        int d = dimension;
        int r = from;
        while (r < to) {
            byte[] chunk = c[r / rowsPerChunk];
            int end = Math.min(to, (r / rowsPerChunk + 1) * rowsPerChunk);
            for (int o = (r % rowsPerChunk) * d; r < end; r++, o += d) {
                float score = s[r] * Dot.dotInt8(q, chunk, o, d);
                if (score >= minScore && top.takes(r, score) && accept.test(r)) {
                    top.offer(r, score);
                }
            }
        }
        return top;
    }

    /** Quantises the rows the exact index has gained. Call holding the lock. */
    private void catchUp() {
        int n = exact.size();
        for (int r = rows; r < n; r++) {
            makeRoom(r);
            quantise(r, exact.vector(r));
            rows = r + 1;
        }
    }

    /** A new chunk sized for the rows the exact index holds now, or the last one grown by doubling up to full size. */
    private void makeRoom(int row) {
        int c = row / rowsPerChunk;
        int inChunk = row % rowsPerChunk;
        if (c == codes.length) {
            int capacity = Math.min(rowsPerChunk, Math.max(16, exact.size() - row));
            byte[][] grown = Arrays.copyOf(codes, c + 1);
            grown[c] = new byte[capacity * dimension];
            codes = grown;
        } else if ((inChunk + 1) * dimension > codes[c].length) {
            int capacity = Math.min(rowsPerChunk, Math.max(inChunk + 1, 2 * codes[c].length / dimension));
            byte[][] grown = codes.clone();
            grown[c] = Arrays.copyOf(codes[c], capacity * dimension);
            codes = grown;
        }
        if (row >= scales.length) {
            scales = Arrays.copyOf(scales, Math.max(row + 1, scales.length * 2));
        }
    }

    private void quantise(int row, float[] unit) {
        float max = 0;
        for (float x : unit) {
            max = Math.max(max, Math.abs(x));
        }
        float scale = max / 127f;
        byte[] chunk = codes[row / rowsPerChunk];
        int o = (row % rowsPerChunk) * dimension;
        for (int i = 0; i < dimension; i++) {
            chunk[o + i] = scale == 0 ? 0 : (byte) Math.max(-127, Math.min(127, Math.round(unit[i] / scale)));
        }
        scales[row] = scale;
        maxScale = Math.max(maxScale, scale);
    }
}
