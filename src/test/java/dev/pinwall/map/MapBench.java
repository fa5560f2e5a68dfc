package dev.pinwall.map;

import dev.pinwall.search.VectorIndex;
import dev.pinwall.task.Cancellation;

import java.util.List;

/**
 * The map's cost at collection scale: {@code MapBench STORE IMAGES [ROWS]} derives ROWS (default 44,000) vectors from
 * the real MobileNetV2 vectors of a folder in the store (as {@code RelatedQueryBench} does), fits the map and places
 * every row.
 */
public final class MapBench {
    public static void main(String[] args) throws Exception {
        List<float[]> derived = dev.pinwall.similarity.BenchVectors.derived(java.nio.file.Path.of(args[0]),
                java.nio.file.Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 44_000);
        int rows = derived.size();
        VectorIndex index = new VectorIndex(derived.get(0).length, rows);
        derived.forEach(index::add);
        derived = null;
        int[] steps = new int[1];
        long t0 = System.nanoTime();
        MapProjection.Fit fit = MapProjection.fit(index, rows, "bench", share -> steps[0]++, Cancellation.none());
        System.out.printf("map fit (PCA on a sample of %,d of %,d rows, %d steps): %.0f ms%n",
                Math.min(rows, MapProjection.SAMPLE), rows, steps[0] - 1, (System.nanoTime() - t0) / 1e6);
        t0 = System.nanoTime();
        float checksum = 0;
        for (int r = 0; r < rows; r++) {
            checksum += fit.place(index.vector(r))[0];
        }
        System.out.printf("placing %,d photos with the fit: %.0f ms (checksum %.3f)%n", rows,
                (System.nanoTime() - t0) / 1e6, checksum);
    }
}
