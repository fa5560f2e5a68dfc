package dev.pinwall.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

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
     * The {@code k} nearest rows of every row among the first {@code rows} rows (itself excluded), best first: exact,
     * in blocks of rows so each stretch of the matrix is read once per block, on all cores. O(rows² · dimension).
     */
    public Hit[][] nearestOfAll(int rows, int k) {
        float[] m;
        synchronized (this) {
            checkCount(rows);
            m = matrix;
        }
        Hit[][] out = new Hit[rows][];
        int block = 32;
        IntStream.range(0, (rows + block - 1) / block).parallel().forEach(b -> {
            int from = b * block;
            int to = Math.min(rows, from + block);
            TopK[] tops = new TopK[to - from];
            for (int i = 0; i < tops.length; i++) {
                tops[i] = new TopK(k);
            }
            for (int r = 0; r < rows; r++) {
                int offset = r * dimension;
                int q = from;
                // Four query rows against one matrix row: each element of the row is loaded once for four products.
                for (; q + 3 < to; q += 4) {
                    int o0 = q * dimension;
                    int o1 = o0 + dimension;
                    int o2 = o1 + dimension;
                    int o3 = o2 + dimension;
                    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    for (int i = 0; i < dimension; i++) {
                        float x = m[offset + i];
                        s0 += x * m[o0 + i];
                        s1 += x * m[o1 + i];
                        s2 += x * m[o2 + i];
                        s3 += x * m[o3 + i];
                    }
                    offerUnlessSelf(tops[q - from], q, r, s0);
                    offerUnlessSelf(tops[q + 1 - from], q + 1, r, s1);
                    offerUnlessSelf(tops[q + 2 - from], q + 2, r, s2);
                    offerUnlessSelf(tops[q + 3 - from], q + 3, r, s3);
                }
                for (; q < to; q++) {
                    offerUnlessSelf(tops[q - from], q, r, dot(m, q * dimension, m, offset));
                }
            }
            for (int q = from; q < to; q++) {
                out[q] = tops[q - from].best();
            }
        });
        return out;
    }

    private static void offerUnlessSelf(TopK top, int query, int row, float score) {
        if (query != row) {
            top.offer(row, score);
        }
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
        return dot(q, 0, m, offset);
    }

    private float dot(float[] a, int aOffset, float[] m, int offset) {
        // Four accumulators let the JIT keep the loop pipelined.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < dimension; i += 4) {
            s0 += a[aOffset + i] * m[offset + i];
            s1 += a[aOffset + i + 1] * m[offset + i + 1];
            s2 += a[aOffset + i + 2] * m[offset + i + 2];
            s3 += a[aOffset + i + 3] * m[offset + i + 3];
        }
        for (; i < dimension; i++) {
            s0 += a[aOffset + i] * m[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private void checkCount(int count) {
        if (count < 0 || count > rows) {
            throw new IndexOutOfBoundsException(count + " rows asked of " + rows);
        }
    }

    /** The best {@code k} (row, score) pairs offered so far; ties go to the lower row. */
    private static final class TopK {
        private final int[] rows;
        private final float[] scores;
        private int size;

        TopK(int k) {
            rows = new int[k];
            scores = new float[k];
        }

        void offer(int row, float score) {
            int k = rows.length;
            if (k == 0 || size == k && (score <= scores[k - 1])) {
                return; // rows arrive in increasing order, so an equal score loses to the row already kept
            }
            int i = size < k ? size++ : k - 1;
            while (i > 0 && scores[i - 1] < score) {
                rows[i] = rows[i - 1];
                scores[i] = scores[i - 1];
                i--;
            }
            rows[i] = row;
            scores[i] = score;
        }

        Hit[] best() {
            Hit[] out = new Hit[size];
            for (int i = 0; i < size; i++) {
                out[i] = new Hit(rows[i], scores[i]);
            }
            return out;
        }
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
    }
}
