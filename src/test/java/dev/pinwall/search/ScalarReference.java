package dev.pinwall.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.IntStream;

/**
 * The scalar kernels the exact search used before the Vector API ones, kept for benchmarks to measure against in the
 * same run: one query as one scalar pass with a heap of hits, and all pairs as 32-row blocks against every row.
 */
public final class ScalarReference {
    private final float[] m;
    private final int n;
    private final int d;

    /** A copy of the first {@code rows} rows of an index. */
    public ScalarReference(VectorIndex index, int rows) {
        d = index.dimension();
        n = rows;
        m = new float[n * d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(index.vector(r), 0, m, r * d, d);
        }
    }

    /** The {@code k} rows nearest to a unit query, best first. */
    public List<Hit> nearest(float[] q, int k) {
        PriorityQueue<Hit> heap = new PriorityQueue<>(k + 1, ScalarReference::weaker);
        for (int r = 0; r < n; r++) {
            float s = dot(q, 0, m, r * d);
            if (heap.size() < k) {
                heap.add(new Hit(r, s));
            } else if (weaker(heap.peek(), new Hit(r, s)) < 0) {
                heap.poll();
                heap.add(new Hit(r, s));
            }
        }
        List<Hit> out = new ArrayList<>(heap);
        out.sort(Collections.reverseOrder(ScalarReference::weaker));
        return out;
    }

    /** The top-{@code k} of every row, 32 rows at a time against the whole matrix, on all cores. */
    public Hit[][] nearestOfAll(int k) {
        Hit[][] out = new Hit[n][];
        int block = 32;
        IntStream.range(0, (n + block - 1) / block).parallel().forEach(b -> {
            int from = b * block;
            int to = Math.min(n, from + block);
            TopK[] tops = new TopK[to - from];
            for (int i = 0; i < tops.length; i++) {
                tops[i] = new TopK(k);
            }
            for (int r = 0; r < n; r++) {
                int offset = r * d;
                int q = from;
                for (; q + 3 < to; q += 4) {
                    int o0 = q * d;
                    int o1 = o0 + d;
                    int o2 = o1 + d;
                    int o3 = o2 + d;
                    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    for (int i = 0; i < d; i++) {
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
                    offerUnlessSelf(tops[q - from], q, r, dot(m, q * d, m, offset));
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

    private static int weaker(Hit a, Hit b) {
        int c = Float.compare(a.score(), b.score());
        return c != 0 ? c : Integer.compare(b.row(), a.row());
    }

    private float dot(float[] a, int aOffset, float[] b, int offset) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += a[aOffset + i] * b[offset + i];
            s1 += a[aOffset + i + 1] * b[offset + i + 1];
            s2 += a[aOffset + i + 2] * b[offset + i + 2];
            s3 += a[aOffset + i + 3] * b[offset + i + 3];
        }
        for (; i < d; i++) {
            s0 += a[aOffset + i] * b[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
