package dev.pinwall.search;

/** Small vector helpers shared by the index and the evaluation. */
public final class Vectors {
    private Vectors() {
    }

    /** Returns a unit-length copy; a zero vector stays zero (it then matches nothing). */
    public static float[] normalised(float[] v) {
        // Four partial sums in double: the adds no longer wait on each other (a start-up normalises every stored
        // vector two or three times), and double keeps the order's effect far below a float's precision.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < v.length; i += 4) {
            s0 += (double) v[i] * v[i];
            s1 += (double) v[i + 1] * v[i + 1];
            s2 += (double) v[i + 2] * v[i + 2];
            s3 += (double) v[i + 3] * v[i + 3];
        }
        for (; i < v.length; i++) {
            s0 += (double) v[i] * v[i];
        }
        double sum = (s0 + s1) + (s2 + s3);
        float[] out = new float[v.length];
        if (sum == 0 || Double.isNaN(sum)) {
            return out;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] * inv;
        }
        return out;
    }
}
