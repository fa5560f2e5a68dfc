package dev.pinwall.search;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One top-10 query over {@code rows} x 1280-d vectors derived from the fashion-dev MobileNetV2 vectors (see
 * {@link DevVectors}; clustered synthetic ones without a dev store): the scalar scan used before, the exact Vector
 * API scan ({@link VectorIndex}, both cores) and the int8 scan with exact re-scoring ({@link QuantisedIndex}).
 * Queries cycle through 64 rows of the collection; the setup prints the int8 recall@10 against the exact scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
public class ScanBench {
    @Param({"44000"})
    int rows;

    VectorIndex exact;
    QuantisedIndex int8;
    ScalarReference scalar;
    float[][] queries;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path temp = Files.createTempDirectory("scan-bench");
        List<float[]> base = DevVectors.real(temp).orElseGet(() -> DevVectors.clustered(60, 70, 1280, 3));
        float[][] derived = DevVectors.derived(base, rows, 17);
        exact = new VectorIndex(derived[0].length, rows);
        for (float[] v : derived) {
            exact.add(v);
        }
        int8 = QuantisedIndex.of(exact);
        scalar = new ScalarReference(exact, rows);
        queries = new float[64][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = exact.vector(i * (rows / queries.length));
        }
        int same = 0;
        for (float[] q : queries) {
            java.util.Set<Integer> truth = new java.util.HashSet<>();
            exact.nearest(q, 10, r -> true, -2f).forEach(h -> truth.add(h.row()));
            same += (int) int8.nearest(q, 10, r -> true, -2f).stream().filter(h -> truth.contains(h.row())).count();
        }
        System.out.printf("%nint8 recall@10 against the exact scan: %.4f over %d queries (%s vectors)%n",
                same / (10.0 * queries.length), queries.length, DevVectors.store().isPresent() ? "fashion-dev" : "synthetic");
    }

    private float[] query() {
        next = (next + 1) % queries.length;
        return queries[next];
    }

    @Benchmark
    public Object scalarBefore() {
        return scalar.nearest(query(), 10);
    }

    @Benchmark
    public Object exactSimd() {
        return exact.nearest(query(), 10, r -> true, -2f);
    }

    @Benchmark
    public Object int8Rescored() {
        return int8.nearest(query(), 10, r -> true, -2f);
    }
}
