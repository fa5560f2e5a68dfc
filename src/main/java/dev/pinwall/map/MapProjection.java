package dev.pinwall.map;

import dev.pinwall.search.VectorIndex;
import dev.pinwall.task.Cancellation;

import java.util.concurrent.CancellationException;
import java.util.function.DoubleConsumer;

/**
 * A 2-D map of a collection: each photo placed by the first two principal components of its vector, so photos that
 * look alike lie close together (a linear cousin of PixPlot's UMAP layout). No t-SNE or UMAP library with a
 * permissive licence resolves from Maven Central here (Smile is GPL), so the map uses PCA, the fallback.
 *
 * <p>The two axes are found by subspace iteration on the covariance of up to {@value #SAMPLE} evenly spaced rows,
 * without forming the d×d matrix: each step is two passes over the sample ({@code X·Q}, then {@code Xᵀ·(X·Q)}),
 * followed by Gram-Schmidt. It stops when the axes no longer move or after {@value #MAX_ITERATIONS} steps. The
 * fit is then a mean and two unit axes; placing a photo is three dot products, so photos embedded later are placed
 * with the same fit.
 */
public final class MapProjection {
    static final int SAMPLE = 8_000;
    static final int MAX_ITERATIONS = 60;
    private static final double CONVERGED = 1e-7;

    /** The mean and the two axes of the map, and the store key of the vectors it was fitted on. */
    public record Fit(String storeKey, float[] mean, float[] axisX, float[] axisY) {
        /** The map position of a (unit) vector. */
        public float[] place(float[] vector) {
            double x = 0;
            double y = 0;
            for (int i = 0; i < vector.length; i++) {
                double c = vector[i] - mean[i];
                x += c * axisX[i];
                y += c * axisY[i];
            }
            return new float[]{(float) x, (float) y};
        }
    }

    private MapProjection() {
    }

    /**
     * Fits the map on the first {@code rows} rows of {@code vectors}.
     *
     * @param progress told the share done, 0–1, after each step
     * @throws CancellationException when cancelled
     */
    public static Fit fit(VectorIndex vectors, int rows, String storeKey, DoubleConsumer progress,
                          Cancellation cancellation) {
        int d = vectors.dimension();
        int m = Math.min(rows, SAMPLE);
        if (m < 3) {
            throw new IllegalArgumentException("a map needs at least 3 photos with vectors, not " + m);
        }
        float[][] sample = new float[m][];
        double[] mean = new double[d];
        for (int i = 0; i < m; i++) {
            sample[i] = vectors.vector((int) ((long) i * rows / m));
            for (int j = 0; j < d; j++) {
                mean[j] += sample[i][j] / (double) m;
            }
        }
        for (float[] row : sample) {
            for (int j = 0; j < d; j++) {
                row[j] -= (float) mean[j];
            }
        }
        // a fixed, generic start: every coordinate on both axes, the second alternating in sign
        double[][] q = new double[2][d];
        for (int j = 0; j < d; j++) {
            q[0][j] = 1 + j % 7;
            q[1][j] = (j % 2 == 0 ? 1 : -1) * (1 + j % 5);
        }
        orthonormalise(q);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            cancellation.throwIfCancelled();
            double[][] next = new double[2][d];
            for (float[] row : sample) {
                double a = 0;
                double b = 0;
                for (int j = 0; j < d; j++) {
                    a += row[j] * q[0][j];
                    b += row[j] * q[1][j];
                }
                for (int j = 0; j < d; j++) {
                    next[0][j] += row[j] * a;
                    next[1][j] += row[j] * b;
                }
            }
            orthonormalise(next);
            double moved = 1 - Math.min(Math.abs(dot(next[0], q[0])), Math.abs(dot(next[1], q[1])));
            q = next;
            progress.accept((iteration + 1) / (double) MAX_ITERATIONS);
            if (moved < CONVERGED) {
                break;
            }
        }
        progress.accept(1);
        return new Fit(storeKey, toFloat(mean), toFloat(q[0]), toFloat(q[1]));
    }

    /** Gram-Schmidt on two vectors, with a sign fixed so the largest coordinate is positive (a stable map). */
    private static void orthonormalise(double[][] q) {
        normalise(q[0]);
        double p = dot(q[0], q[1]);
        for (int j = 0; j < q[1].length; j++) {
            q[1][j] -= p * q[0][j];
        }
        normalise(q[1]);
        for (double[] axis : q) {
            int largest = 0;
            for (int j = 1; j < axis.length; j++) {
                if (Math.abs(axis[j]) > Math.abs(axis[largest])) {
                    largest = j;
                }
            }
            if (axis[largest] < 0) {
                for (int j = 0; j < axis.length; j++) {
                    axis[j] = -axis[j];
                }
            }
        }
    }

    private static void normalise(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm == 0) {
            throw new IllegalArgumentException("the photos' vectors do not vary: no map can be drawn");
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= norm;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
