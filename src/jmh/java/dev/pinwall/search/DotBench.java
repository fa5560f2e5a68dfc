package dev.pinwall.search;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** One dot product of {@code dimension} elements: scalar float, Vector API float, and float query · int8 codes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class DotBench {
    @Param({"1280"})
    int dimension;

    float[] a;
    float[] b;
    byte[] codes;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        a = new float[dimension];
        b = new float[dimension];
        codes = new byte[dimension];
        for (int i = 0; i < dimension; i++) {
            a[i] = (float) random.nextGaussian();
            b[i] = (float) random.nextGaussian();
            codes[i] = (byte) (random.nextInt(255) - 127);
        }
    }

    @Benchmark
    public float floatScalar() {
        return Dot.scalar(a, 0, b, 0, dimension);
    }

    @Benchmark
    public float floatSimd() {
        return SimdDot.dot(a, 0, b, 0, dimension);
    }

    @Benchmark
    public float int8Scalar() {
        return Dot.scalarInt8(a, codes, 0, dimension);
    }

    @Benchmark
    public float int8Simd() {
        return SimdDot.dotInt8(a, codes, 0, dimension);
    }
}
