package dev.pinwall.search;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The exact top-{@code k} of every row of a matrix among the others, as a blocked matrix product: the rows are cut
 * into blocks, and each pair of blocks (I, J ≥ I) is one tile of scores, computed by a register-tiled kernel
 * ({@link Dot#tile4x2}: 4 x 2 rows per step) and offered to both rows' lists, so each pair is scored once. Block
 * rows are handed out to all cores one at a time (largest first); each worker keeps its own lists of every row, merged
 * at the end. O(n²·d/2) multiply-adds and O(n·k·cores) memory.
 */
final class AllPairs {
    /** Rows per block: a block of 1280-d rows is 320 KB, about what stays in a core's L2 cache. */
    static final int BLOCK = 64;

    private AllPairs() {
    }

    static Hit[][] nearestOfAll(Matrix m, int k) {
        int n = m.rows();
        int blocks = (n + BLOCK - 1) / BLOCK;
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), blocks));
        TopK[][] partial = new TopK[workers][];
        AtomicInteger next = new AtomicInteger();
        IntStream.range(0, workers).parallel().forEach(w -> {
            TopK[] tops = new TopK[n];
            for (int r = 0; r < n; r++) {
                tops[r] = new TopK(k);
            }
            float[] tile = new float[8];
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                for (int c = b; c < blocks; c++) {
                    tile(m, b * BLOCK, c * BLOCK, b == c, tops, tile);
                }
            }
            partial[w] = tops;
        });
        Hit[][] out = new Hit[n][];
        IntStream.range(0, n).parallel().forEach(r -> {
            TopK top = partial[0][r];
            for (int w = 1; w < workers; w++) {
                top.offerAll(partial[w][r]);
            }
            out[r] = top.best();
        });
        return out;
    }

    /** Scores rows [a0, a0+BLOCK) against [b0, b0+BLOCK); on the diagonal only pairs a < b. */
    private static void tile(Matrix m, int a0, int b0, boolean diagonal, TopK[] tops, float[] s) {
        int n = m.rows();
        int aEnd = Math.min(n, a0 + BLOCK);
        int bEnd = Math.min(n, b0 + BLOCK);
        int a = a0;
        for (; a + 3 < aEnd; a += 4) {
            int b = diagonal ? a : b0; // on the diagonal, pairs below these four rows were scored already
            for (; b + 1 < bEnd; b += 2) {
                Dot.tile4x2(m, a, b, s);
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 2; j++) {
                        offer(tops, a + i, b + j, s[2 * i + j], diagonal);
                    }
                }
            }
            for (; b < bEnd; b++) {
                for (int i = 0; i < 4; i++) {
                    offer(tops, a + i, b, m.dot(a + i, b), diagonal);
                }
            }
        }
        for (; a < aEnd; a++) {
            for (int b = diagonal ? a + 1 : b0; b < bEnd; b++) {
                offer(tops, a, b, m.dot(a, b), diagonal);
            }
        }
    }

    private static void offer(TopK[] tops, int a, int b, float score, boolean diagonal) {
        if (diagonal && a >= b) {
            return;
        }
        tops[a].offer(b, score);
        tops[b].offer(a, score);
    }
}
