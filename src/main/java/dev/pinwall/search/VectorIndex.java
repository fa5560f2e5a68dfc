package dev.pinwall.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Exact cosine search over L2-normalised vectors held in one contiguous row-major matrix.
 * A query is one pass over the matrix with a bounded heap: no N×N similarity matrix is ever built.
 * Rows are appended; readers and the writer may run on different threads.
 */
public final class VectorIndex implements NearestNeighbours {
    private final int dimension;
    private float[] matrix;
    private int rows;

    public VectorIndex(int dimension, int expectedRows) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        this.dimension = dimension;
        this.matrix = new float[Math.max(16, expectedRows) * dimension];
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public synchronized int size() {
        return rows;
    }

    /** Appends a vector (normalised here) and returns its row number. */
    @Override
    public synchronized int add(float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index has " + dimension);
        }
        if ((rows + 1) * dimension > matrix.length) {
            matrix = Arrays.copyOf(matrix, Math.max(matrix.length * 2, (rows + 1) * dimension));
        }
        System.arraycopy(Vectors.normalised(vector), 0, matrix, rows * dimension, dimension);
        return rows++;
    }

    /** Replaces the vector of an existing row (normalised here). */
    public synchronized void set(int row, float[] vector) {
        checkRow(row);
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index has " + dimension);
        }
        System.arraycopy(Vectors.normalised(vector), 0, matrix, row * dimension, dimension);
    }

    /** Cosine similarity of {@code query} (normalised here) to each of the first {@code rows} rows, in row order. */
    public float[] scores(float[] query, int rows) {
        float[] q = Vectors.normalised(query);
        float[] m;
        synchronized (this) {
            checkCount(rows);
            m = matrix;
        }
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = dot(q, m, r * dimension);
        }
        return out;
    }

    /**
     * The {@code k} nearest rows of every row among the first {@code rows} rows (itself excluded), best first, ties to
     * the lower row: exact, as a blocked matrix product on all cores ({@link AllPairs}). O(rows² · dimension / 2).
     * Scores equal {@link #similarity} to the bit.
     */
    public Hit[][] nearestOfAll(int rows, int k) {
        float[] m;
        synchronized (this) {
            checkCount(rows);
            m = matrix;
        }
        return AllPairs.nearestOfAll(m, rows, dimension, k);
    }

    /** Cosine similarity of two rows (the same arithmetic as {@link #scores}, so the two agree to the bit). */
    public float similarity(int a, int b) {
        float[] m;
        synchronized (this) {
            checkRow(a);
            checkRow(b);
            m = matrix;
        }
        return dot(m, a * dimension, m, b * dimension);
    }

    /** The stored unit vector of a row (a copy). */
    @Override
    public synchronized float[] vector(int row) {
        checkRow(row);
        return Arrays.copyOfRange(matrix, row * dimension, (row + 1) * dimension);
    }

    /**
     * The {@code k} rows most similar to {@code query} (normalised here), best first, among rows that
     * {@code accept} takes and whose score is at least {@code minScore}. Ties go to the lower row. A large matrix is
     * scanned in parallel stretches, so {@code accept} may be called from several threads at once; it is called only
     * for rows whose score would enter the list.
     */
    @Override
    public List<Hit> nearest(float[] query, int k, IntPredicate accept, float minScore) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, index has " + dimension);
        }
        if (k <= 0) {
            return List.of();
        }
        float[] q = Vectors.normalised(query);
        float[] m;
        int n;
        synchronized (this) {
            m = matrix; // appends copy into a new array or write past n: the first n rows of m stay valid
            n = rows;
        }
        return new ArrayList<>(Arrays.asList(Scan.nearest(q, m, n, dimension, k, accept, minScore)));
    }

    /**
     * {@link #similarity} of a unit query to a row without taking the lock, for the graph index's inner loops (two
     * build threads contending for the lock would halve their speed). Safe for a row the caller learned of after
     * {@link #add} returned for it: that edge makes the row's floats and a matrix holding them visible.
     */
    float similarityUnlocked(float[] unitQuery, int row) {
        float[] m = matrix;
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return Dot.dot(unitQuery, 0, m, row * dimension, dimension);
    }

    /** {@link #similarity} of two rows without taking the lock (see {@link #similarityUnlocked(float[], int)}). */
    float similarityUnlocked(int a, int b) {
        float[] m = matrix;
        if (a < 0 || b < 0 || a >= rows || b >= rows) {
            throw new IndexOutOfBoundsException("rows " + a + ", " + b + " of " + rows);
        }
        return Dot.dot(m, a * dimension, m, b * dimension, dimension);
    }

    private float dot(float[] q, float[] m, int offset) {
        return Dot.dot(q, 0, m, offset, dimension);
    }

    private float dot(float[] a, int aOffset, float[] m, int offset) {
        return Dot.dot(a, aOffset, m, offset, dimension);
    }

    private void checkCount(int count) {
        if (count < 0 || count > rows) {
            throw new IndexOutOfBoundsException(count + " rows asked of " + rows);
        }
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
    }
}
