package dev.pinwall.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * Exact cosine search over L2-normalised vectors held in one contiguous row-major matrix.
 * A query is one pass over the matrix with a bounded heap: no N×N similarity matrix is ever built.
 * Rows are appended; readers and the writer may run on different threads.
 */
public final class VectorIndex {
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

    public int dimension() {
        return dimension;
    }

    public synchronized int size() {
        return rows;
    }

    /** Appends a vector (normalised here) and returns its row number. */
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

    /** The stored unit vector of a row (a copy). */
    public synchronized float[] vector(int row) {
        checkRow(row);
        return Arrays.copyOfRange(matrix, row * dimension, (row + 1) * dimension);
    }

    /** The {@code k} rows most similar to row {@code row}, itself excluded. */
    public List<Hit> nearest(int row, int k, IntPredicate accept, float minScore) {
        float[] query = vector(row);
        return nearest(query, k, r -> r != row && accept.test(r), minScore);
    }

    /**
     * The {@code k} rows most similar to {@code query} (normalised here), best first, among rows that
     * {@code accept} takes and whose score is at least {@code minScore}. Ties go to the lower row.
     */
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
        // Min-heap of the best k so far: the root is the weakest kept hit.
        PriorityQueue<Hit> heap = new PriorityQueue<>(k + 1, VectorIndex::weaker);
        for (int r = 0; r < n; r++) {
            float s = dot(q, m, r * dimension);
            if (s < minScore || !accept.test(r)) {
                continue;
            }
            if (heap.size() < k) {
                heap.add(new Hit(r, s));
            } else if (weaker(heap.peek(), new Hit(r, s)) < 0) {
                heap.poll();
                heap.add(new Hit(r, s));
            }
        }
        List<Hit> out = new ArrayList<>(heap);
        out.sort(Collections.reverseOrder(VectorIndex::weaker));
        return out;
    }

    /** Orders hits from weakest to strongest: lower score first, and at equal score the higher row first. */
    private static int weaker(Hit a, Hit b) {
        int c = Float.compare(a.score(), b.score());
        return c != 0 ? c : Integer.compare(b.row(), a.row());
    }

    private float dot(float[] q, float[] m, int offset) {
        // Four accumulators let the JIT keep the loop pipelined.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < dimension; i += 4) {
            s0 += q[i] * m[offset + i];
            s1 += q[i + 1] * m[offset + i + 1];
            s2 += q[i + 2] * m[offset + i + 2];
            s3 += q[i + 3] * m[offset + i + 3];
        }
        for (; i < dimension; i++) {
            s0 += q[i] * m[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
    }
}
