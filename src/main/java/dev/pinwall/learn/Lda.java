package dev.pinwall.learn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Shrinkage linear discriminant analysis: the directions {@code w} that maximise between-class over within-class
 * scatter, {@code Sb w = λ Sw w}, with {@code Sw} shrunk towards a multiple of the identity so that it stays
 * well conditioned when there are fewer photos than dimensions. Directions are scaled so that
 * {@code wᵀ Sw w = 1} (the usual LDA transform); there are at most {@code classes - 1}.
 * <p>
 * {@code Sb} has rank below the number of classes, so instead of a {@code d×d} eigen-problem this solves the
 * {@code C×C} one {@code M Sw⁻¹ Mᵀ q = λ q}, where the rows of {@code M} are the weighted class means
 * ({@code Sb = MᵀM}), and maps back with {@code w = Sw⁻¹ Mᵀ q / √λ}.
 */
final class Lda {
    private Lda() {
    }

    /**
     * @param x         inputs, row-major, {@code n} rows of {@code d} values, already centred on their mean
     * @param labels    class of each row, {@code 0..classes-1}
     * @param shrinkage 0 (plain LDA) to 1 (identity within-class scatter)
     * @param maxDims   at most this many directions
     * @return the directions, row-major, strongest first (fewer rows than {@code maxDims} when the data has fewer)
     */
    static float[][] fit(float[] x, int n, int d, int[] labels, int classes, double shrinkage, int maxDims) {
        int[] count = new int[classes];
        for (int label : labels) {
            count[label]++;
        }
        // Class means.
        double[][] means = new double[classes][d];
        for (int i = 0; i < n; i++) {
            double[] m = means[labels[i]];
            for (int j = 0; j < d; j++) {
                m[j] += x[i * d + j];
            }
        }
        for (int c = 0; c < classes; c++) {
            if (count[c] > 0) {
                for (int j = 0; j < d; j++) {
                    means[c][j] /= count[c];
                }
            }
        }
        // Within-class scatter: (1/n) Σ (x - μ_c)(x - μ_c)ᵀ, i.e. class covariances weighted by class priors.
        double[] residual = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] m = means[labels[i]];
            for (int j = 0; j < d; j++) {
                residual[i * d + j] = x[i * d + j] - m[j];
            }
        }
        double[] sw = new double[d * d];
        IntStream.range(0, d).parallel().forEach(a -> {
            double[] row = new double[d];
            for (int i = 0; i < n; i++) {
                double ra = residual[i * d + a];
                if (ra != 0) {
                    int off = i * d;
                    for (int b = a; b < d; b++) {
                        row[b] += ra * residual[off + b];
                    }
                }
            }
            for (int b = a; b < d; b++) {
                sw[a * d + b] = row[b] / n;
            }
        });
        double trace = 0;
        for (int a = 0; a < d; a++) {
            trace += sw[a * d + a];
            for (int b = a + 1; b < d; b++) {
                sw[b * d + a] = sw[a * d + b];
            }
        }
        // A floor for the identity target: photos that repeat within a class can leave no within-class scatter at
        // all, and the total spread of the inputs keeps the floor on their scale.
        double total = 0;
        for (float v : x) {
            total += (double) v * v;
        }
        double target = Math.max(trace / d, 1e-6 * total / ((double) n * d) + 1e-12);
        for (int a = 0; a < d * d; a++) {
            sw[a] *= 1 - shrinkage;
        }
        for (int a = 0; a < d; a++) {
            sw[a * d + a] += shrinkage * target;
        }
        // Mᵀ: d × C, column c = √(n_c/n) (μ_c - μ); the inputs are centred, so μ is (close to) zero: use it anyway.
        double[] grand = new double[d];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                grand[j] += means[c][j] * count[c] / n;
            }
        }
        int[] present = IntStream.range(0, classes).filter(c -> count[c] > 0).toArray();
        int k = present.length;
        DMatrixRMaj mt = new DMatrixRMaj(d, k);
        for (int col = 0; col < k; col++) {
            int c = present[col];
            double weight = Math.sqrt((double) count[c] / n);
            for (int j = 0; j < d; j++) {
                mt.set(j, col, weight * (means[c][j] - grand[j]));
            }
        }
        DMatrixRMaj swMatrix = DMatrixRMaj.wrap(d, d, sw);
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(d);
        if (!solver.setA(swMatrix)) {
            throw new IllegalArgumentException("within-class scatter is singular: use a shrinkage above 0");
        }
        DMatrixRMaj y = new DMatrixRMaj(d, k); // Sw⁻¹ Mᵀ
        solver.solve(mt, y);
        DMatrixRMaj small = new DMatrixRMaj(k, k); // M Sw⁻¹ Mᵀ
        CommonOps_DDRM.multTransA(mt, y, small);
        // Symmetrise against rounding before the symmetric eigen-solver.
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double v = (small.get(a, b) + small.get(b, a)) / 2;
                small.set(a, b, v);
                small.set(b, a, v);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(k, true, true);
        if (!eig.decompose(small)) {
            throw new IllegalStateException("eigen-decomposition did not converge");
        }
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        double largest = eig.getEigenvalue(order[0]).real;
        int dims = 0;
        float[][] directions = new float[Math.min(maxDims, Math.max(0, k - 1))][];
        for (int r = 0; r < order.length && dims < directions.length; r++) {
            double lambda = eig.getEigenvalue(order[r]).real;
            if (!(lambda > largest * 1e-9)) {
                break; // the rest is the null space of Sb
            }
            DMatrixRMaj q = eig.getEigenVector(order[r]);
            DMatrixRMaj w = new DMatrixRMaj(d, 1);
            CommonOps_DDRM.mult(y, q, w);
            float[] row = new float[d];
            double scale = 1 / Math.sqrt(lambda);
            for (int j = 0; j < d; j++) {
                row[j] = (float) (w.get(j) * scale);
            }
            directions[dims++] = row;
        }
        return Arrays.copyOf(directions, dims);
    }
}
