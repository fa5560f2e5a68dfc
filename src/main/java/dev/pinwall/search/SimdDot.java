package dev.pinwall.search;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products with the Java Vector API (loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; see {@link Dot}). Every product, alone or inside a tile, is the same
 * arithmetic: one fused multiply-add per lane along the vector, the lanes summed by {@code reduceLanes}, then the
 * tail added in order, so a pair scores to the bit the same whichever kernel computed it.
 */
final class SimdDot {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private SimdDot() {
    }

    static float dot(float[] a, int ao, float[] b, int bo, int d) {
        int bound = SPECIES.loopBound(d);
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, a, ao + i).fma(FloatVector.fromArray(SPECIES, b, bo + i), acc);
        }
        return tail(acc.reduceLanes(VectorOperators.ADD), a, ao, b, bo, bound, d);
    }

    private static float tail(float s, float[] a, int ao, float[] b, int bo, int from, int d) {
        for (int i = from; i < d; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    /**
     * Scores of rows {@code a0..a0+3} against rows {@code b0, b0+1} of {@code m} (row length {@code d}) into
     * {@code out[0..7]} as {@code out[2*i + j]} = a(i)·b(j): eight accumulators held in registers, each element of
     * the six rows loaded once for eight products.
     */
    static void tile4x2(float[] m, int a0, int b0, int d, float[] out) {
        int bound = SPECIES.loopBound(d);
        int step = SPECIES.length();
        int oa0 = a0 * d;
        int oa1 = oa0 + d;
        int oa2 = oa1 + d;
        int oa3 = oa2 + d;
        int ob0 = b0 * d;
        int ob1 = ob0 + d;
        FloatVector s00 = FloatVector.zero(SPECIES);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        for (int i = 0; i < bound; i += step) {
            FloatVector b0v = FloatVector.fromArray(SPECIES, m, ob0 + i);
            FloatVector b1v = FloatVector.fromArray(SPECIES, m, ob1 + i);
            FloatVector x = FloatVector.fromArray(SPECIES, m, oa0 + i);
            s00 = x.fma(b0v, s00);
            s01 = x.fma(b1v, s01);
            x = FloatVector.fromArray(SPECIES, m, oa1 + i);
            s10 = x.fma(b0v, s10);
            s11 = x.fma(b1v, s11);
            x = FloatVector.fromArray(SPECIES, m, oa2 + i);
            s20 = x.fma(b0v, s20);
            s21 = x.fma(b1v, s21);
            x = FloatVector.fromArray(SPECIES, m, oa3 + i);
            s30 = x.fma(b0v, s30);
            s31 = x.fma(b1v, s31);
        }
        out[0] = tail(s00.reduceLanes(VectorOperators.ADD), m, oa0, m, ob0, bound, d);
        out[1] = tail(s01.reduceLanes(VectorOperators.ADD), m, oa0, m, ob1, bound, d);
        out[2] = tail(s10.reduceLanes(VectorOperators.ADD), m, oa1, m, ob0, bound, d);
        out[3] = tail(s11.reduceLanes(VectorOperators.ADD), m, oa1, m, ob1, bound, d);
        out[4] = tail(s20.reduceLanes(VectorOperators.ADD), m, oa2, m, ob0, bound, d);
        out[5] = tail(s21.reduceLanes(VectorOperators.ADD), m, oa2, m, ob1, bound, d);
        out[6] = tail(s30.reduceLanes(VectorOperators.ADD), m, oa3, m, ob0, bound, d);
        out[7] = tail(s31.reduceLanes(VectorOperators.ADD), m, oa3, m, ob1, bound, d);
    }
}
