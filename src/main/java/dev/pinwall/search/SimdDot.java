package dev.pinwall.search;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products with the Java Vector API (loaded only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}; see {@link Dot}). Every product, alone or inside a tile, is the same
 * arithmetic: one fused multiply-add per lane along the vector, the lanes summed by {@code reduceLanes}, then the
 * tail added in order, so a pair scores to the bit the same whichever kernel computed it.
 */
final class SimdDot {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Bytes with as many lanes as {@link #SPECIES}: one load widens to one float vector. */
    private static final VectorSpecies<Byte> BYTES =
            ByteVector.SPECIES_64.withShape(VectorShape.forBitSize(SPECIES.length() * Byte.SIZE));

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

    /**
     * {@code q · codes[co .. co+d)}: a float query against int8 codes, each code widened to a float in registers (a
     * quarter of the memory traffic of a float row). Four accumulators hide the latency of the fused multiply-adds
     * (this kernel ranks a shortlist, it need not agree to the bit with the float ones), then the tail in order.
     */
    static float dotInt8(float[] q, byte[] codes, int co, int d) {
        int step = SPECIES.length();
        int bound4 = d - d % (4 * step);
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        for (; i < bound4; i += 4 * step) {
            a0 = widened(codes, co + i).fma(FloatVector.fromArray(SPECIES, q, i), a0);
            a1 = widened(codes, co + i + step).fma(FloatVector.fromArray(SPECIES, q, i + step), a1);
            a2 = widened(codes, co + i + 2 * step).fma(FloatVector.fromArray(SPECIES, q, i + 2 * step), a2);
            a3 = widened(codes, co + i + 3 * step).fma(FloatVector.fromArray(SPECIES, q, i + 3 * step), a3);
        }
        for (int bound = SPECIES.loopBound(d); i < bound; i += step) {
            a0 = widened(codes, co + i).fma(FloatVector.fromArray(SPECIES, q, i), a0);
        }
        float s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < d; i++) {
            s += q[i] * codes[co + i];
        }
        return s;
    }

    private static FloatVector widened(byte[] codes, int offset) {
        return (FloatVector) ByteVector.fromArray(BYTES, codes, offset).convertShape(VectorOperators.B2F, SPECIES, 0);
    }

    private static float tail(float s, float[] a, int ao, float[] b, int bo, int from, int d) {
        for (int i = from; i < d; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    /**
     * Scores of rows {@code a0..a0+3} against rows {@code b0, b0+1} of {@code m} into {@code out[0..7]} as
     * {@code out[2*i + j]} = a(i)·b(j): eight accumulators held in registers, each element of the six rows loaded
     * once for eight products. The six rows may lie in different chunks.
     */
    static void tile4x2(Matrix m, int a0, int b0, float[] out) {
        int d = m.dimension();
        int bound = SPECIES.loopBound(d);
        int step = SPECIES.length();
        float[] ma0 = m.chunk(a0);
        float[] ma1 = m.chunk(a0 + 1);
        float[] ma2 = m.chunk(a0 + 2);
        float[] ma3 = m.chunk(a0 + 3);
        float[] mb0 = m.chunk(b0);
        float[] mb1 = m.chunk(b0 + 1);
        int oa0 = m.offset(a0);
        int oa1 = m.offset(a0 + 1);
        int oa2 = m.offset(a0 + 2);
        int oa3 = m.offset(a0 + 3);
        int ob0 = m.offset(b0);
        int ob1 = m.offset(b0 + 1);
        FloatVector s00 = FloatVector.zero(SPECIES);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        for (int i = 0; i < bound; i += step) {
            FloatVector b0v = FloatVector.fromArray(SPECIES, mb0, ob0 + i);
            FloatVector b1v = FloatVector.fromArray(SPECIES, mb1, ob1 + i);
            FloatVector x = FloatVector.fromArray(SPECIES, ma0, oa0 + i);
            s00 = x.fma(b0v, s00);
            s01 = x.fma(b1v, s01);
            x = FloatVector.fromArray(SPECIES, ma1, oa1 + i);
            s10 = x.fma(b0v, s10);
            s11 = x.fma(b1v, s11);
            x = FloatVector.fromArray(SPECIES, ma2, oa2 + i);
            s20 = x.fma(b0v, s20);
            s21 = x.fma(b1v, s21);
            x = FloatVector.fromArray(SPECIES, ma3, oa3 + i);
            s30 = x.fma(b0v, s30);
            s31 = x.fma(b1v, s31);
        }
        out[0] = tail(s00.reduceLanes(VectorOperators.ADD), ma0, oa0, mb0, ob0, bound, d);
        out[1] = tail(s01.reduceLanes(VectorOperators.ADD), ma0, oa0, mb1, ob1, bound, d);
        out[2] = tail(s10.reduceLanes(VectorOperators.ADD), ma1, oa1, mb0, ob0, bound, d);
        out[3] = tail(s11.reduceLanes(VectorOperators.ADD), ma1, oa1, mb1, ob1, bound, d);
        out[4] = tail(s20.reduceLanes(VectorOperators.ADD), ma2, oa2, mb0, ob0, bound, d);
        out[5] = tail(s21.reduceLanes(VectorOperators.ADD), ma2, oa2, mb1, ob1, bound, d);
        out[6] = tail(s30.reduceLanes(VectorOperators.ADD), ma3, oa3, mb0, ob0, bound, d);
        out[7] = tail(s31.reduceLanes(VectorOperators.ADD), ma3, oa3, mb1, ob1, bound, d);
    }
}
