package dev.pinwall.search;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Search speed and quality at collection scale on vectors derived from real embeddings: each row mixes two real
 * vectors (the second at up to 15 %) plus a little noise, as a large collection of similar photos would look, after a
 * fixed random projection when the asked dimension differs from the embedder's. Queries are fresh vectors from the
 * same mix, not rows of the index. The reference is an exact scan with plain scalar Java arithmetic (the kernel used
 * before the Vector API), which also gives recall@10.
 */
public final class SearchBench {
    /** The per-component noise as a share of a unit vector's typical component (0.002 at 1280-d). */
    private static final double NOISE_SHARE = 0.0716;
    private static final int K = 10;

    private SearchBench() {
    }

    /** Which index answers the queries: the exact scan, int8 codes with exact re-scoring, the graph, or by size. */
    public enum Kind {
        EXACT, INT8, HNSW, AUTO;

        /** The index used at {@code rows} rows. */
        public Kind at(int rows) {
            return this != AUTO ? this : rows >= HnswIndex.AUTO_FROM_ROWS ? HNSW : EXACT;
        }
    }

    /** The figures of one run; {@link #line()} is the machine-readable summary. */
    public record Figures(int size, int dimension, Kind index, double p50Ms, double p99Ms, double recall10,
                          double exactP50Ms, double buildSeconds, double heapMb) {
        public String line() {
            return String.format(Locale.ROOT, "search size %d dim %d p50_ms %.3f p99_ms %.3f recall10 %.4f "
                            + "exact_p50_ms %.3f build_s %.1f heap_mb %.0f", size, dimension, p50Ms, p99Ms, recall10,
                    exactP50Ms, buildSeconds, heapMb);
        }
    }

    /**
     * Unit copies of {@code sources} in {@code dimension} dimensions: as they are when the length matches, else through
     * a fixed random Gaussian projection (nearly orthogonal at these sizes, so cosines are roughly kept).
     */
    public static float[][] project(List<float[]> sources, int dimension, long seed) {
        int from = sources.get(0).length;
        float[][] out = new float[sources.size()][];
        if (from == dimension) {
            for (int s = 0; s < out.length; s++) {
                out[s] = Vectors.normalised(sources.get(s));
            }
            return out;
        }
        Random random = new Random(seed);
        float[] matrix = new float[dimension * from];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) random.nextGaussian();
        }
        for (int s = 0; s < out.length; s++) {
            float[] v = Vectors.normalised(sources.get(s));
            float[] p = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                p[j] = Dot.dot(matrix, j * from, v, 0, from);
            }
            out[s] = Vectors.normalised(p);
        }
        return out;
    }

    /** {@code n} derived unit vectors, row after row in one array. */
    public static float[] derive(float[][] sources, int n, Random random) {
        int d = sources[0].length;
        boolean nonNegative = Arrays.stream(sources).allMatch(v -> {
            for (float x : v) {
                if (x < 0) {
                    return false;
                }
            }
            return true;
        });
        double noise = NOISE_SHARE / Math.sqrt(d);
        float[] out = new float[Math.multiplyExact(n, d)];
        float[] v = new float[d];
        for (int r = 0; r < n; r++) {
            float[] a = sources[random.nextInt(sources.length)];
            float[] b = sources[random.nextInt(sources.length)];
            float mix = 0.15f * random.nextFloat();
            for (int i = 0; i < d; i++) {
                float x = (1 - mix) * a[i] + mix * b[i] + (float) (random.nextGaussian() * noise);
                v[i] = nonNegative ? Math.max(0, x) : x; // real embeddings after a ReLU stay non-negative
            }
            System.arraycopy(Vectors.normalised(v), 0, out, r * d, d);
        }
        return out;
    }

    /**
     * Derives {@code size} rows and {@code queries} queries, times the scalar exact scan (the reference), builds the
     * index {@code kind} asks for and times it; progress lines go to {@code log}.
     */
    public static Figures run(List<float[]> sources, int size, int dimension, Kind kind, int queries,
                              HnswIndex.Settings settings, PrintWriter log) {
        if (size < K || queries < 1) {
            throw new IllegalArgumentException("need at least " + K + " rows and one query");
        }
        Kind using = kind.at(size);
        Random random = new Random(11);
        float[][] projected = project(sources, dimension, 5);
        float[] data = derive(projected, size, random);
        float[] queryRows = derive(projected, queries, random);
        log.printf(Locale.ROOT, "%d x %d-d rows derived from %d real %d-d vectors; %d queries; index %s%n", size,
                dimension, sources.size(), sources.get(0).length, queries, using.name().toLowerCase(Locale.ROOT));
        log.flush();

        int[][] truth = new int[queries][];
        double[] scalarMs = new double[queries];
        for (int q = 0; q < queries; q++) {
            float[] query = Arrays.copyOfRange(queryRows, q * dimension, (q + 1) * dimension);
            long started = System.nanoTime();
            Hit[] hits = scalarScan(query, data, size, dimension);
            scalarMs[q] = (System.nanoTime() - started) / 1e6;
            truth[q] = Arrays.stream(hits).mapToInt(Hit::row).toArray();
        }
        double exactP50 = percentile(scalarMs, 0.5);
        log.printf(Locale.ROOT, "scalar exact scan: p50 %.2f ms%n", exactP50);
        log.flush();

        VectorIndex vectors = new VectorIndex(dimension, size);
        for (int r = 0; r < size; r++) {
            vectors.add(Arrays.copyOfRange(data, r * dimension, (r + 1) * dimension));
        }
        data = null; // only the index's copy stays
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        NearestNeighbours index = switch (using) {
            case HNSW -> HnswIndex.build(vectors, settings);
            case INT8 -> QuantisedIndex.of(vectors);
            default -> vectors;
        };
        if (index instanceof QuantisedIndex codes) {
            codes.nearest(new float[dimension], 1, r -> true, -2f); // the codes are made before the first query
        }
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        double buildCpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
        if (using == Kind.HNSW) {
            // CPU time says what the build costs when the machine is shared (wall time then says little).
            log.printf(Locale.ROOT, "graph: max degree %d, build beam %d, alpha %.2f, search width %d; built in %.1f s "
                            + "on %d threads, %.1f s of CPU (vector kernels: %s)%n", settings.maxDegree(),
                    settings.buildBeam(), settings.alpha(), settings.searchWidth(), buildSeconds,
                    Runtime.getRuntime().availableProcessors(), buildCpuSeconds, Dot.SIMD ? "Vector API" : "scalar");
            log.flush();
        }
        double heapMb = usedHeapMb();
        if (index instanceof HnswIndex graph) {
            sweep(graph, queryRows, truth, log);
        }

        double[] ms = new double[queries];
        long found = 0;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
            for (int q = 0; q < queries; q++) {
                float[] query = Arrays.copyOfRange(queryRows, q * dimension, (q + 1) * dimension);
                long s = System.nanoTime();
                List<Hit> hits = index.nearest(query, K, r -> true, -2f);
                ms[q] = (System.nanoTime() - s) / 1e6;
                if (pass == 1) {
                    Set<Integer> want = new HashSet<>();
                    Arrays.stream(truth[q]).forEach(want::add);
                    found += hits.stream().filter(h -> want.contains(h.row())).count();
                }
            }
        }
        return new Figures(size, dimension, using, percentile(ms, 0.5), percentile(ms, 0.99),
                found / (double) (queries * K), exactP50, buildSeconds, heapMb);
    }

    /** Recall and median latency at a few search widths (one pass each, after a warm-up), to choose the setting. */
    private static void sweep(HnswIndex graph, float[] queryRows, int[][] truth, PrintWriter log) {
        int d = graph.dimension();
        int queries = truth.length;
        for (int width : new int[]{-1, 25, 50, 100, 200, 400}) {
            double[] ms = new double[queries];
            long found = 0;
            for (int q = 0; q < queries; q++) {
                float[] query = Arrays.copyOfRange(queryRows, q * d, (q + 1) * d);
                long s = System.nanoTime();
                List<Hit> hits = graph.nearest(query, K, r -> true, -2f, Math.max(1, width));
                ms[q] = (System.nanoTime() - s) / 1e6;
                Set<Integer> want = new HashSet<>();
                Arrays.stream(truth[q]).forEach(want::add);
                found += hits.stream().filter(h -> want.contains(h.row())).count();
            }
            if (width > 0) {
                log.printf(Locale.ROOT, "  search width %3d: recall@10 %.4f, p50 %.2f ms%n", width,
                        found / (double) (queries * K), percentile(ms, 0.5));
                log.flush();
            }
        }
    }

    /** Exact top-10 with the scalar kernel, one thread: the scan as it was before the Vector API. */
    private static Hit[] scalarScan(float[] query, float[] data, int rows, int d) {
        TopK top = new TopK(K);
        for (int r = 0; r < rows; r++) {
            top.offer(r, Dot.scalar(query, 0, data, r * d, d));
        }
        return top.best();
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static double usedHeapMb() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (runtime.totalMemory() - runtime.freeMemory()) / 1e6;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
