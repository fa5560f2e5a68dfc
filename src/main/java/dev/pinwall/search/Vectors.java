package dev.pinwall.search;

/** Small vector helpers shared by the index and the evaluation. */
public final class Vectors {
    private Vectors() {
    }

    /** Returns a unit-length copy; a zero vector stays zero (it then matches nothing). */
    public static float[] normalised(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float[] out = new float[v.length];
        if (sum == 0 || Double.isNaN(sum)) {
            return out;
        }
        float inv = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
