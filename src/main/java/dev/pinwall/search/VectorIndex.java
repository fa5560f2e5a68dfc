package dev.pinwall.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Exact cosine search over L2-normalised vectors held in a row-major matrix cut into fixed-size chunks
 * ({@link #CHUNK_FLOATS} floats each, whole rows only), so 2M+ rows of any length fit and growth copies at most one
 * chunk. A query is one pass over the matrix with a bounded heap: no N×N similarity matrix is ever built.
 * Rows are appended; readers and the writer may run on different threads.
 */
public final class VectorIndex implements NearestNeighbours {
    /** Floats per full chunk (16 MB): large enough that chunk edges cost nothing, far below the array limit. */
    static final int CHUNK_FLOATS = 1 << 22;

    private final int dimension;
    private final int rowsPerChunk;
    private final int expectedRows;
    /** Replaced, never changed in place, when a chunk is added or grown, so a reader's snapshot stays valid. */
    private float[][] chunks = new float[0][];
    private int rows;

    public VectorIndex(int dimension, int expectedRows) {
        this(dimension, expectedRows, Math.max(1, CHUNK_FLOATS / Math.max(1, dimension)));
    }

    /** With another chunk size (tests force many chunks with a tiny one). */
    VectorIndex(int dimension, int expectedRows, int rowsPerChunk) {
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dimension);
        }
        if (rowsPerChunk <= 0) {
            throw new IllegalArgumentException("rows per chunk must be positive: " + rowsPerChunk);
        }
        this.dimension = dimension;
        this.rowsPerChunk = rowsPerChunk;
        this.expectedRows = Math.max(16, expectedRows);
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
        makeRoom();
        System.arraycopy(Vectors.normalised(vector), 0, chunks[rows / rowsPerChunk], (rows % rowsPerChunk) * dimension,
                dimension);
        return rows++;
    }

    /**
     * Makes room for row {@code rows}: a new chunk sized for the expected rows (at most a full one), or the last chunk
     * grown by doubling up to full size. Rows already added keep their place.
     */
    private void makeRoom() {
        int c = rows / rowsPerChunk;
        int inChunk = rows % rowsPerChunk;
        if (c == chunks.length) {
            int capacity = Math.min(rowsPerChunk, Math.max(16, expectedRows - rows));
            float[][] grown = Arrays.copyOf(chunks, c + 1);
            grown[c] = new float[capacity * dimension];
            chunks = grown;
        } else if ((inChunk + 1) * dimension > chunks[c].length) {
            int capacity = Math.min(rowsPerChunk, Math.max(inChunk + 1, 2 * chunks[c].length / dimension));
            float[][] grown = chunks.clone();
            grown[c] = Arrays.copyOf(chunks[c], capacity * dimension);
            chunks = grown;
        }
    }

    /** The first {@code count} rows as they are now (appends later go past them or into new arrays). */
    synchronized Matrix matrix(int count) {
        checkCount(count);
        return new Matrix(chunks, rowsPerChunk, dimension, count);
    }

    /** Replaces the vector of an existing row (normalised here). */
    public synchronized void set(int row, float[] vector) {
        checkRow(row);
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, index has " + dimension);
        }
        System.arraycopy(Vectors.normalised(vector), 0, chunks[row / rowsPerChunk], (row % rowsPerChunk) * dimension,
                dimension);
    }

    /** Cosine similarity of {@code query} (normalised here) to each of the first {@code rows} rows, in row order. */
    public float[] scores(float[] query, int rows) {
        float[] q = Vectors.normalised(query);
        Matrix m = matrix(rows);
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = m.dot(q, r);
        }
        return out;
    }

    /**
     * The {@code k} nearest rows of every row among the first {@code rows} rows (itself excluded), best first, ties to
     * the lower row: exact, as a blocked matrix product on all cores ({@link AllPairs}). O(rows² · dimension / 2).
     * Scores equal {@link #similarity} to the bit.
     */
    public Hit[][] nearestOfAll(int rows, int k) {
        return AllPairs.nearestOfAll(matrix(rows), k);
    }

    /** Cosine similarity of two rows (the same arithmetic as {@link #scores}, so the two agree to the bit). */
    public float similarity(int a, int b) {
        Matrix m;
        synchronized (this) {
            checkRow(a);
            checkRow(b);
            m = matrix(rows);
        }
        return m.dot(a, b);
    }

    /** The stored unit vector of a row (a copy). */
    @Override
    public synchronized float[] vector(int row) {
        checkRow(row);
        int offset = (row % rowsPerChunk) * dimension;
        return Arrays.copyOfRange(chunks[row / rowsPerChunk], offset, offset + dimension);
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
        Matrix m;
        synchronized (this) {
            m = matrix(rows);
        }
        return new ArrayList<>(Arrays.asList(Scan.nearest(q, m, k, accept, minScore)));
    }

    /**
     * {@link #similarity} of a unit query to a row without taking the lock, for the graph index's inner loops (two
     * build threads contending for the lock would halve their speed). Safe for a row the caller learned of after
     * {@link #add} returned for it: that edge makes the row's floats and the chunks holding them visible.
     */
    float similarityUnlocked(float[] unitQuery, int row) {
        float[][] c = chunks;
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        return Dot.dot(unitQuery, 0, c[row / rowsPerChunk], (row % rowsPerChunk) * dimension, dimension);
    }

    /** {@link #similarity} of two rows without taking the lock (see {@link #similarityUnlocked(float[], int)}). */
    float similarityUnlocked(int a, int b) {
        float[][] c = chunks;
        if (a < 0 || b < 0 || a >= rows || b >= rows) {
            throw new IndexOutOfBoundsException("rows " + a + ", " + b + " of " + rows);
        }
        return Dot.dot(c[a / rowsPerChunk], (a % rowsPerChunk) * dimension, c[b / rowsPerChunk],
                (b % rowsPerChunk) * dimension, dimension);
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
