package dev.pinwall.similarity;

import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.search.Vectors;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Related-query latency of each similarity mode at collection scale:
 * {@code RelatedQueryBench STORE IMAGES [ROWS]} takes the real MobileNetV2 vectors of a folder already in the store
 * and derives ROWS (default 44,000) vectors from them, each a mix of two real ones plus a little noise.
 *
 * <p>The fit of the derived collection is made block by block (exact neighbours within blocks of 1,000 rows) to keep
 * the bench short; a query's cost does not depend on which rows are neighbours. The full fit's cost is printed for
 * the block size and grows as rows².
 */
public final class RelatedQueryBench {
    public static void main(String[] args) throws Exception {
        List<float[]> real = SimilarityBench.vectors(java.nio.file.Path.of(args[0]), java.nio.file.Path.of(args[1]),
                "../shared/models/mobilenet_v2_imagenet.pt");
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 44_000;
        int d = real.get(0).length;
        Random random = new Random(17);
        VectorIndex source = new VectorIndex(d, rows);
        for (int r = 0; r < rows; r++) {
            float[] a = real.get(random.nextInt(real.size()));
            float[] b = real.get(random.nextInt(real.size()));
            float mix = 0.15f * random.nextFloat();
            float[] v = new float[d];
            for (int i = 0; i < d; i++) {
                v[i] = Math.max(0, (1 - mix) * a[i] + mix * b[i] + (float) random.nextGaussian() * 0.002f);
            }
            source.add(v);
        }
        // Block fit: the mean over all rows, neighbours within each block.
        int block = Math.min(rows, 1_000);
        long t0 = System.nanoTime();
        CollectionSpace blockSpace = new CollectionSpace(blockIndex(source, 0, block), FeatureLayout.single(d));
        blockSpace.fit();
        double blockSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("fit of %d rows from scratch: %.1f s (all pairs; %d rows would take about %.0f s)%n", block,
                blockSeconds, rows, blockSeconds * Math.pow((double) rows / block, 2));
        CollectionSpace.State first = blockSpace.takeState();
        Map<Integer, int[]> lists = new HashMap<>(first.neighbours());
        for (int from = block; from < rows; from += block) {
            int to = Math.min(rows, from + block);
            CollectionSpace part = new CollectionSpace(blockIndex(source, from, to), FeatureLayout.single(d));
            part.fit();
            int offset = from;
            part.takeState().neighbours().forEach((r, list) ->
                    lists.put(r + offset, Arrays.stream(list).map(j -> j + offset).toArray()));
        }
        CollectionSpace space = new CollectionSpace(source, FeatureLayout.single(d));
        t0 = System.nanoTime();
        space.restore(first.mean(), rows, lists);
        System.out.printf("restore of a saved fit at %d rows: %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);

        int queries = 60;
        ReciprocalReranker reranker = ReciprocalReranker.DEFAULT;
        double[] plain = new double[queries];
        double[] collection = new double[queries];
        double[] outside = new double[queries];
        double[] best = new double[queries];
        for (int warm = 0; warm < 2; warm++) {
            for (int q = 0; q < queries; q++) {
                int row = random.nextInt(rows);
                long s = System.nanoTime();
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
        System.out.printf("related query p50 at %d x %d-d: plain %.1f ms, collection %.1f ms, outside image "
                        + "(query expansion) %.1f ms, best (re-ranking) %.1f ms%n", rows, d, median(plain),
                median(collection), median(outside), median(best));
        long s = System.nanoTime();
        int adds = 20;
        for (int i = 0; i < adds; i++) {
            source.add(Vectors.normalised(real.get(i)));
            space.catchUp();
        }
        System.out.printf("adding a photo to a fitted space of %d: %.1f ms each (mean refit due at %d rows)%n", rows,
                (System.nanoTime() - s) / 1e6 / adds, (int) Math.ceil(rows * (1 + CollectionSpace.REFIT_GROWTH)));
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
