package dev.pinwall.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntPredicate;

/**
 * One query against every row: SIMD dot products ({@link Dot}) into a bounded top-k list. Above
 * {@link #PARALLEL_FLOATS} matrix elements the rows are cut into one stretch per core, scanned on a pool of its own
 * (so a query never waits behind a fit running on the common pool), and the lists merged. The int8 scan of
 * {@link QuantisedIndex} is split the same way ({@link #inStretches}).
 */
final class Scan {
    /** Below this many matrix elements (4 MB of floats) one thread is faster than handing work to another. */
    static final long PARALLEL_FLOATS = 1L << 20;

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final ForkJoinPool POOL = new ForkJoinPool(CORES, pool -> {
        var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("pinwall-search-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
    }, null, false);

    private Scan() {
    }

    static Hit[] nearest(float[] q, Matrix m, int k, IntPredicate accept, float minScore) {
        return inStretches(m.rows(), (long) m.rows() * m.dimension(),
                (from, to) -> scan(q, m, from, to, k, accept, minScore)).best();
    }

    /** Scans rows {@code [from, to)} into a top-k list. */
    interface Stretch {
        TopK scan(int from, int to);
    }

    /**
     * Rows {@code [0, n)} scanned by {@code stretch}: in one piece below {@link #PARALLEL_FLOATS} elements (floats, or
     * bytes for int8 rows), else in one stretch per core on the search pool, the lists merged.
     */
    static TopK inStretches(int n, long elements, Stretch stretch) {
        int parts = elements >= PARALLEL_FLOATS ? CORES : 1;
        if (parts == 1) {
            return stretch.scan(0, n);
        }
        List<ForkJoinTask<TopK>> tasks = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            tasks.add(POOL.submit(() -> stretch.scan(from, to)));
        }
        TopK top = stretch.scan(0, n / parts);
        for (ForkJoinTask<TopK> task : tasks) {
            top.offerAll(task.join());
        }
        return top;
    }

    /** Rows {@code [from, to)}, a chunk at a time. */
    private static TopK scan(float[] q, Matrix m, int from, int to, int k, IntPredicate accept, float minScore) {
        TopK top = new TopK(k);
        int d = m.dimension();
        int perChunk = m.rowsPerChunk();
        int r = from;
        while (r < to) {
            float[] chunk = m.chunk(r);
            int end = Math.min(to, (r / perChunk + 1) * perChunk);
            for (int o = m.offset(r); r < end; r++, o += d) {
                float s = Dot.dot(q, 0, chunk, o, d);
                if (s >= minScore && top.takes(r, s) && accept.test(r)) {
                    top.offer(r, s);
                }
            }
        }
        return top;
    }
}
