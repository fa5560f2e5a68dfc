package dev.pinwall.learn;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The supervised contrastive loss (Khosla et al. 2020, the "L_out" form) of a linear map, with its gradient written
 * out by hand. For a batch {@code X} and map {@code W} (stored transposed, {@code d×m}):
 * <pre>
 *   u_i = normalise(W x_i),  s_ia = u_i·u_a / τ
 *   L = mean over anchors i with a positive of  -(1/|P(i)|) Σ_{p∈P(i)} s_ip + log Σ_{a≠i} exp(s_ia)
 * </pre>
 * where {@code P(i)} are the other photos of the batch with the anchor's label.
 */
final class SupConLoss {
    private SupConLoss() {
    }

    /**
     * @param x           batch inputs, row-major, {@code b} rows of {@code d}
     * @param labels      class of each row of the batch
     * @param wt          the map, transposed: {@code d} rows of {@code m}
     * @param temperature τ
     * @param gradWt      receives dL/dWt ({@code d×m}, overwritten); may be null to compute the loss only
     * @return the loss, or 0 when no row of the batch has a positive
     */
    static double lossAndGradient(float[] x, int[] labels, int b, int d, float[] wt, int m, double temperature,
                                  float[] gradWt) {
        // Forward: z = x Wt, u = z / |z|.
        float[] z = new float[b * m];
        IntStream.range(0, b).parallel().forEach(i -> {
            int zo = i * m;
            for (int k = 0; k < d; k++) {
                float xk = x[i * d + k];
                if (xk == 0) {
                    continue;
                }
                int wo = k * m;
                for (int o = 0; o < m; o++) {
                    z[zo + o] += xk * wt[wo + o];
                }
            }
        });
        float[] u = new float[b * m];
        double[] norm = new double[b];
        for (int i = 0; i < b; i++) {
            double s = 0;
            for (int o = 0; o < m; o++) {
                s += (double) z[i * m + o] * z[i * m + o];
            }
            norm[i] = Math.max(Math.sqrt(s), 1e-12);
            for (int o = 0; o < m; o++) {
                u[i * m + o] = (float) (z[i * m + o] / norm[i]);
            }
        }
        // Similarities and the per-anchor loss; g[i][a] = dL/ds_ia.
        double[] g = new double[b * b];
        int[] positives = new int[b];
        int anchors = 0;
        for (int i = 0; i < b; i++) {
            for (int a = 0; a < b; a++) {
                if (a != i && labels[a] == labels[i]) {
                    positives[i]++;
                }
            }
            if (positives[i] > 0) {
                anchors++;
            }
        }
        if (anchors == 0) {
            if (gradWt != null) {
                Arrays.fill(gradWt, 0);
            }
            return 0;
        }
        double loss = 0;
        double[] s = new double[b];
        for (int i = 0; i < b; i++) {
            if (positives[i] == 0) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < b; a++) {
                if (a == i) {
                    continue;
                }
                double dot = 0;
                for (int o = 0; o < m; o++) {
                    dot += (double) u[i * m + o] * u[a * m + o];
                }
                s[a] = dot / temperature;
                max = Math.max(max, s[a]);
            }
            double sumExp = 0;
            for (int a = 0; a < b; a++) {
                if (a != i) {
                    sumExp += Math.exp(s[a] - max);
                }
            }
            double logSum = max + Math.log(sumExp);
            double positiveSum = 0;
            for (int a = 0; a < b; a++) {
                if (a == i) {
                    continue;
                }
                boolean positive = labels[a] == labels[i];
                if (positive) {
                    positiveSum += s[a];
                }
                g[i * b + a] = (Math.exp(s[a] - logSum) - (positive ? 1.0 / positives[i] : 0)) / anchors;
            }
            loss += logSum - positiveSum / positives[i];
        }
        loss /= anchors;
        if (gradWt == null) {
            return loss;
        }
        // dL/du = (G + Gᵀ) u / τ; then through the normalisation: dz = (du - u (u·du)) / |z|.
        float[] dz = new float[b * m];
        IntStream.range(0, b).parallel().forEach(i -> {
            double[] du = new double[m];
            for (int a = 0; a < b; a++) {
                double coefficient = (g[i * b + a] + g[a * b + i]) / temperature;
                if (coefficient != 0) {
                    for (int o = 0; o < m; o++) {
                        du[o] += coefficient * u[a * m + o];
                    }
                }
            }
            double along = 0;
            for (int o = 0; o < m; o++) {
                along += du[o] * u[i * m + o];
            }
            for (int o = 0; o < m; o++) {
                dz[i * m + o] = (float) ((du[o] - u[i * m + o] * along) / norm[i]);
            }
        });
        // dL/dWt = Xᵀ dz.
        IntStream.range(0, d).parallel().forEach(k -> {
            int wo = k * m;
            Arrays.fill(gradWt, wo, wo + m, 0);
            for (int i = 0; i < b; i++) {
                float xk = x[i * d + k];
                if (xk == 0) {
                    continue;
                }
                int zo = i * m;
                for (int o = 0; o < m; o++) {
                    gradWt[wo + o] += xk * dz[zo + o];
                }
            }
        });
        return loss;
    }
}
