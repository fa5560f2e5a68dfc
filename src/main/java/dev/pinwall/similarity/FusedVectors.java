package dev.pinwall.similarity;

import dev.pinwall.search.Vectors;

/** Joins the vectors of two backbones into one, each normalised first so that neither dominates by scale. */
public final class FusedVectors {
    private FusedVectors() {
    }

    /** {@code [a / |a|, b / |b|]}, of length a.length + b.length. */
    public static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(Vectors.normalised(a), 0, out, 0, a.length);
        System.arraycopy(Vectors.normalised(b), 0, out, a.length, b.length);
        return out;
    }
}
