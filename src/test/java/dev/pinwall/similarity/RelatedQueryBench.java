package dev.pinwall.similarity;

import dev.pinwall.search.Hit;
import dev.pinwall.search.ScalarReference;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.search.Vectors;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fit time and Related-query latency of each similarity mode at collection scale:
 * {@code RelatedQueryBench STORE IMAGES [ROWS] [SUBSET]} takes the real MobileNetV2 vectors of a folder already in the
 * store and derives ROWS (default 44,000) vectors from them, each a mix of two real ones plus a little noise. It
 * times the exact all-pairs top-10 of the first SUBSET rows (default 3,000) with the scalar kernel used before and
 * with today's, the full fit of all ROWS from scratch, and the queries with the scalar scan before and today's.
 */
public final class RelatedQueryBench {
    public static void main(String[] args) throws Exception {
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 44_000;
        int subset = Math.min(rows, args.length > 3 ? Integer.parseInt(args[3]) : 3_000);
        List<float[]> derived = BenchVectors.derived(java.nio.file.Path.of(args[0]), java.nio.file.Path.of(args[1]),
                rows);
        int d = derived.get(0).length;
        Random random = new Random(17);
        VectorIndex source = new VectorIndex(d, rows);
        derived.forEach(source::add);
        System.out.printf("vector kernels: %s%n", ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                ? "Vector API" : "scalar (no jdk.incubator.vector)");
        allPairs(source, subset);

        long t0 = System.nanoTime();
        CollectionSpace space = new CollectionSpace(source, FeatureLayout.single(d));
        space.fit();
        System.out.printf("fit of %d x %d-d from scratch (exact all-pairs top-10): %.1f s%n", rows, d,
                (System.nanoTime() - t0) / 1e9);
        CollectionSpace.State saved = space.takeState();
        CollectionSpace restored = new CollectionSpace(source, FeatureLayout.single(d));
        t0 = System.nanoTime();
        restored.restore(saved.mean(), saved.meanRows(), saved.neighbours());
        System.out.printf("restore of a saved fit at %d rows: %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        restored = null;

        ScalarReference plainBefore = new ScalarReference(source, rows);
        ScalarReference collectionBefore = new ScalarReference(space.augmentedForTests(), rows);
        int queries = 60;
        ReciprocalReranker reranker = ReciprocalReranker.DEFAULT;
        double[] plain = new double[queries];
        double[] plainScalar = new double[queries];
        double[] collectionScalar = new double[queries];
        double[] collection = new double[queries];
        double[] outside = new double[queries];
        double[] best = new double[queries];
        for (int warm = 0; warm < 2; warm++) {
            for (int q = 0; q < queries; q++) {
                int row = random.nextInt(rows);
                long s = System.nanoTime();
                plainBefore.nearest(source.vector(row), 21);
                plainScalar[q] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                collectionBefore.nearest(space.vector(row), 21);
                collectionScalar[q] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                source.nearest(row, 20, r -> true, -2f);
                plain[q] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                space.nearest(row, 20, r -> true, -2f);
                collection[q] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                space.nearest(source.vector(row), 20, r -> r != row, -2f);
                outside[q] = (System.nanoTime() - s) / 1e6;
                s = System.nanoTime();
                List<Hit> candidates = space.nearest(row, reranker.candidates(), r -> true, -2f);
                reranker.rerank(space.vector(row), candidates,
                        candidates.stream().map(h -> space.vector(h.row())).toList(), 20);
                best[q] = (System.nanoTime() - s) / 1e6;
            }
        }
        System.out.printf("related query p50 at %d x %d-d, scalar scan before: plain %.1f ms, collection %.1f ms%n",
                rows, d, median(plainScalar), median(collectionScalar));
        System.out.printf("related query p50 at %d x %d-d: plain %.1f ms, collection %.1f ms, outside image "
                        + "(query expansion) %.1f ms, best (re-ranking) %.1f ms%n", rows, d, median(plain),
                median(collection), median(outside), median(best));
        long s = System.nanoTime();
        int adds = 20;
        for (int i = 0; i < adds; i++) {
            source.add(Vectors.normalised(derived.get(i)));
            space.catchUp();
        }
        System.out.printf("adding a photo to a fitted space of %d: %.1f ms each (mean refit due at %d rows)%n", rows,
                (System.nanoTime() - s) / 1e6 / adds, (int) Math.ceil(rows * (1 + CollectionSpace.REFIT_GROWTH)));
    }

    /** The all-pairs top-10 of the first rows, scalar kernel before against today's, and how far they agree. */
    private static void allPairs(VectorIndex source, int subset) {
        VectorIndex part = blockIndex(source, 0, subset);
        ScalarReference before = new ScalarReference(part, subset);
        long t0 = System.nanoTime();
        Hit[][] old = before.nearestOfAll(CollectionSpace.NEIGHBOURS);
        double oldSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        Hit[][] now = part.nearestOfAll(subset, CollectionSpace.NEIGHBOURS);
        double newSeconds = (System.nanoTime() - t0) / 1e9;
        long same = 0;
        for (int r = 0; r < subset; r++) {
            java.util.Set<Integer> want = new java.util.HashSet<>();
            for (Hit h : old[r]) {
                want.add(h.row());
            }
            for (Hit h : now[r]) {
                same += want.contains(h.row()) ? 1 : 0;
            }
        }
        System.out.printf("all-pairs top-10 of %d x %d-d rows: scalar before %.2f s, now %.2f s (%.1fx); "
                        + "neighbours in common %.4f%n", subset, source.dimension(), oldSeconds, newSeconds,
                oldSeconds / newSeconds, same / (double) (subset * CollectionSpace.NEIGHBOURS));
    }

    private static VectorIndex blockIndex(VectorIndex source, int from, int to) {
        VectorIndex index = new VectorIndex(source.dimension(), to - from);
        for (int r = from; r < to; r++) {
            index.add(source.vector(r));
        }
        return index;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
