package dev.pinwall.map;

import dev.pinwall.search.VectorIndex;
import dev.pinwall.task.Cancellation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MapProjectionTest {
    private static final int D = 24;

    @TempDir
    Path dir;

    /** Unit vectors spread mostly along two directions, with a little noise in every other. */
    private static VectorIndex collection(Random random, int rows) {
        VectorIndex index = new VectorIndex(D, rows);
        for (int r = 0; r < rows; r++) {
            float[] v = new float[D];
            v[0] = 3;
            v[1] = (float) (random.nextGaussian() * 1.0);
            v[2] = (float) (random.nextGaussian() * 0.6);
            for (int i = 3; i < D; i++) {
                v[i] = (float) (random.nextGaussian() * 0.1);
            }
            index.add(v);
        }
        return index;
    }

    @Test
    void axesAreTheTopTwoEigenvectorsOfTheCovarianceByFullDecomposition() {
        VectorIndex index = collection(new Random(4), 600);
        List<Double> progress = new ArrayList<>();
        MapProjection.Fit fit = MapProjection.fit(index, 600, "model", progress::add, Cancellation.none());

        // the reference: EJML's symmetric eigen-decomposition of the full covariance matrix
        int n = index.size();
        double[] mean = new double[D];
        for (int r = 0; r < n; r++) {
            float[] v = index.vector(r);
            for (int i = 0; i < D; i++) {
                mean[i] += v[i] / n;
            }
        }
        DMatrixRMaj covariance = new DMatrixRMaj(D, D);
        for (int r = 0; r < n; r++) {
            float[] v = index.vector(r);
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    covariance.add(i, j, (v[i] - mean[i]) * (v[j] - mean[j]) / n);
                }
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(D, true, true);
        assertThat(eig.decompose(covariance)).isTrue();
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < D; k++) {
            order.add(k);
        }
        order.sort((a, b) -> Double.compare(eig.getEigenvalue(b).getReal(), eig.getEigenvalue(a).getReal()));
        assertThat(Math.abs(cosine(fit.axisX(), eig.getEigenVector(order.get(0))))).isGreaterThan(0.9999);
        assertThat(Math.abs(cosine(fit.axisY(), eig.getEigenVector(order.get(1))))).isGreaterThan(0.9999);
        assertThat(progress).isNotEmpty().last().isEqualTo(1.0);
    }

    @Test
    void photosThatLookAlikeLieCloseTogether() {
        Random random = new Random(8);
        VectorIndex index = new VectorIndex(D, 300);
        for (int r = 0; r < 300; r++) {
            float[] v = new float[D];
            v[r % 3] = 1; // three kinds
            for (int i = 0; i < D; i++) {
                v[i] += (float) (random.nextGaussian() * 0.05);
            }
            index.add(v);
        }
        MapProjection.Fit fit = MapProjection.fit(index, 300, "model", p -> { }, Cancellation.none());
        double within = 0;
        double between = 0;
        for (int a = 0; a < 60; a++) {
            float[] pa = fit.place(index.vector(a));
            float[] same = fit.place(index.vector(a + 3));
            float[] other = fit.place(index.vector(a + 1));
            within += Math.hypot(pa[0] - same[0], pa[1] - same[1]);
            between += Math.hypot(pa[0] - other[0], pa[1] - other[1]);
        }
        assertThat(between).isGreaterThan(5 * within);
    }

    @Test
    void aSavedFitIsReadBackForItsCollectionAndModelOnly() throws Exception {
        VectorIndex index = collection(new Random(1), 100);
        MapProjection.Fit fit = MapProjection.fit(index, 100, "model-a", p -> { }, Cancellation.none());
        MapCache cache = new MapCache(dir.resolve("maps"));
        cache.save("/photos", fit);

        MapProjection.Fit back = cache.load("/photos", "model-a", D).orElseThrow();
        assertThat(back.axisX()).containsExactly(fit.axisX());
        assertThat(back.axisY()).containsExactly(fit.axisY());
        assertThat(back.mean()).containsExactly(fit.mean());
        assertThat(cache.load("/photos", "model-b", D)).isEmpty();
        assertThat(cache.load("/other", "model-a", D)).isEmpty();
        assertThat(cache.load("/photos", "model-a", D + 1)).isEmpty();

        Files.write(cache.file("/photos", "model-a"), new byte[]{1, 2, 3});
        assertThat(cache.load("/photos", "model-a", D)).isEmpty();
    }

    @Test
    void aCancelledFitStops() {
        VectorIndex index = collection(new Random(2), 100);
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                MapProjection.fit(index, 100, "m", p -> { }, cancelled))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    private static double cosine(float[] a, DMatrixRMaj b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b.get(i);
            na += a[i] * a[i];
            nb += b.get(i) * b.get(i);
        }
        return dot / Math.sqrt(na * nb);
    }
}
