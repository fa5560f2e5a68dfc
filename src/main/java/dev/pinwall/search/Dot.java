package dev.pinwall.search;

import org.slf4j.LoggerFactory;

/**
 * The dot-product kernels of the exact search, in one of two arithmetics chosen once per JVM: the Java Vector API
 * ({@link SimdDot}) when the JVM runs with {@code --add-modules jdk.incubator.vector} (the launchers, the tests and
 * the installed app do), else plain Java with four accumulators (a fallback for other ways of starting Pinwall, about
 * 2x slower for one query and many times slower for a fit; results are exact either way). Within one JVM every
 * score of a pair is the same float whichever method computed it. The fallback logs a warning once.
 */
final class Dot {
    /** Whether the Vector API is in use. */
    static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    static {
        if (!SIMD) {
            LoggerFactory.getLogger(Dot.class).warn("the JVM runs without --add-modules jdk.incubator.vector: exact "
                    + "search uses its scalar kernels (same results, several times slower)");
        }
    }

    private Dot() {
    }

    static float dot(float[] a, int ao, float[] b, int bo, int d) {
        return SIMD ? SimdDot.dot(a, ao, b, bo, d) : scalar(a, ao, b, bo, d);
    }

    /** Rows {@code a0..a0+3} against rows {@code b0, b0+1}: {@code out[2*i + j]} = a(i)·b(j). */
    static void tile4x2(Matrix m, int a0, int b0, float[] out) {
        if (SIMD) {
            SimdDot.tile4x2(m, a0, b0, out);
            return;
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                out[2 * i + j] = scalar(m.chunk(a0 + i), m.offset(a0 + i), m.chunk(b0 + j), m.offset(b0 + j),
                        m.dimension());
            }
        }
    }

    /** A float query against int8 codes ({@link QuantisedIndex}); not bit-equal between the two arithmetics. */
    static float dotInt8(float[] q, byte[] codes, int co, int d) {
        return SIMD ? SimdDot.dotInt8(q, codes, co, d) : scalarInt8(q, codes, co, d);
    }

    static float scalarInt8(float[] q, byte[] codes, int co, int d) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += q[i] * codes[co + i];
            s1 += q[i + 1] * codes[co + i + 1];
            s2 += q[i + 2] * codes[co + i + 2];
            s3 += q[i + 3] * codes[co + i + 3];
        }
        for (; i < d; i++) {
            s0 += q[i] * codes[co + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The plain-Java kernel, whichever arithmetic the JVM uses (the benchmark's baseline). */
    static float scalar(float[] a, int ao, float[] b, int bo, int d) {
        // Four accumulators let the JIT keep the loop pipelined.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < d; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
