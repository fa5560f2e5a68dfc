package dev.pinwall.learn;

import dev.pinwall.embed.EmbedderInfo;
import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.task.Cancellation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProjectionTrainerTest {
    private static final int D = 16;
    private static final EmbedderInfo MODEL = new EmbedderInfo("synthetic", "Synthetic", D, 1);

    /**
     * Four classes told apart only by four quiet dimensions (each class a step along its own one, so the classes
     * span three discriminant directions), while twelve loud dimensions of noise common to all classes dominate
     * the cosine: plain cosine mixes the classes, a discriminant projection separates them.
     */
    private record Data(List<float[]> vectors, List<String> labels) {
        static Data make(int perClass, long seed) {
            Random random = new Random(seed);
            List<float[]> vectors = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < perClass; i++) {
                for (int c = 0; c < 4; c++) {
                    float[] v = new float[D];
                    for (int j = 0; j < 4; j++) {
                        v[j] = (j == c ? 0.3f : 0) + (float) random.nextGaussian() * 0.03f;
                    }
                    for (int j = 4; j < D; j++) {
                        v[j] = 0.5f + (float) random.nextGaussian() * 0.5f;
                    }
                    vectors.add(v);
                    labels.add("class" + c);
                }
            }
            return new Data(vectors, labels);
        }
    }

    private static double precisionAt10(Data data, Function<float[], float[]> map) {
        List<float[]> mapped = data.vectors().stream().map(map).toList();
        VectorIndex index = new VectorIndex(mapped.get(0).length, mapped.size());
        mapped.forEach(index::add);
        return RetrievalEvaluator.evaluate(index, data.labels(), 10).precisionAtK();
    }

    private static ProjectionTrainer.Settings settings(ProjectionTrainer.Method method) {
        return new ProjectionTrainer.Settings(method, 8, 15, 0.1, 64, 1e-2, 0.1, false, 0f, 3);
    }

    @Test
    void ldaSeparatesClassesThatPlainCosineMixes() {
        Data train = Data.make(50, 1);
        Data test = Data.make(50, 2);
        Projection projection = ProjectionTrainer.train(train.vectors(), train.labels(), MODEL, "label",
                settings(ProjectionTrainer.Method.LDA), p -> { }, Cancellation.none());

        assertThat(projection.outputDimension()).isEqualTo(3); // classes - 1
        assertThat(precisionAt10(test, v -> v)).isLessThan(0.5);
        assertThat(precisionAt10(test, projection::apply)).isGreaterThan(0.95);
    }

    @Test
    void ldaDirectionsSolveTheShrunkGeneralisedEigenproblem() {
        Data data = Data.make(30, 3);
        int n = data.vectors().size();
        int[] y = data.labels().stream().mapToInt(l -> l.charAt(5) - '0').toArray();
        float[] x = new float[n * D];
        double[] mean = new double[D];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                mean[j] += data.vectors().get(i)[j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (float) (data.vectors().get(i)[j] - mean[j]);
            }
        }
        double shrinkage = 0.3;
        float[][] w = Lda.fit(x, n, D, y, 4, shrinkage, D);

        // Reference scatter matrices, straight from their definitions.
        DMatrixRMaj sw = new DMatrixRMaj(D, D);
        DMatrixRMaj sb = new DMatrixRMaj(D, D);
        for (int c = 0; c < 4; c++) {
            double[] mc = new double[D];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (y[i] == c) {
                    count++;
                    for (int j = 0; j < D; j++) {
                        mc[j] += x[i * D + j];
                    }
                }
            }
            for (int j = 0; j < D; j++) {
                mc[j] /= count;
            }
            for (int a = 0; a < D; a++) {
                for (int b = 0; b < D; b++) {
                    sb.add(a, b, (double) count / n * mc[a] * mc[b]);
                    for (int i = 0; i < n; i++) {
                        if (y[i] == c) {
                            sw.add(a, b, (x[i * D + a] - mc[a]) * (x[i * D + b] - mc[b]) / n);
                        }
                    }
                }
            }
        }
        double target = CommonOps_DDRM.trace(sw) / D;
        CommonOps_DDRM.scale(1 - shrinkage, sw);
        for (int a = 0; a < D; a++) {
            sw.add(a, a, shrinkage * target);
        }
        // Brute force: all eigenvalues of Sw⁻¹ Sb, largest first.
        DMatrixRMaj swInvSb = new DMatrixRMaj(D, D);
        DMatrixRMaj swInv = sw.copy();
        CommonOps_DDRM.invert(swInv);
        CommonOps_DDRM.mult(swInv, sb, swInvSb);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(D, false);
        assertThat(eig.decompose(swInvSb)).isTrue();
        double[] lambdas = new double[D];
        for (int i = 0; i < D; i++) {
            lambdas[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(lambdas);

        assertThat(w).hasNumberOfRows(3);
        for (int r = 0; r < w.length; r++) {
            DMatrixRMaj v = new DMatrixRMaj(D, 1);
            for (int j = 0; j < D; j++) {
                v.set(j, w[r][j]);
            }
            DMatrixRMaj swv = new DMatrixRMaj(D, 1);
            DMatrixRMaj sbv = new DMatrixRMaj(D, 1);
            CommonOps_DDRM.mult(sw, v, swv);
            CommonOps_DDRM.mult(sb, v, sbv);
            double vSwV = CommonOps_DDRM.dot(v, swv);
            double lambda = CommonOps_DDRM.dot(v, sbv) / vSwV;
            assertThat(vSwV).as("w'Sw w").isCloseTo(1, within(1e-3));
            assertThat(lambda).as("eigenvalue " + r).isCloseTo(lambdas[D - 1 - r], within(1e-3 * lambdas[D - 1]));
            for (int j = 0; j < D; j++) {
                assertThat(sbv.get(j)).isCloseTo(lambda * swv.get(j), within(1e-3 * lambdas[D - 1]));
            }
        }
    }

    @Test
    void contrastiveGradientMatchesFiniteDifferences() {
        Random random = new Random(11);
        int b = 7;
        int d = 5;
        int m = 3;
        int[] labels = {0, 0, 1, 1, 2, 0, 3}; // 3 has no positive: a negative only
        float[] x = new float[b * d];
        float[] wt = new float[d * m];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < wt.length; i++) {
            wt[i] = (float) random.nextGaussian();
        }
        double temperature = 0.5;
        float[] grad = new float[d * m];
        SupConLoss.lossAndGradient(x, labels, b, d, wt, m, temperature, grad);
        float eps = 1e-3f;
        for (int j = 0; j < wt.length; j++) {
            float keep = wt[j];
            wt[j] = keep + eps;
            double up = SupConLoss.lossAndGradient(x, labels, b, d, wt, m, temperature, null);
            wt[j] = keep - eps;
            double down = SupConLoss.lossAndGradient(x, labels, b, d, wt, m, temperature, null);
            wt[j] = keep;
            assertThat((double) grad[j]).as("dL/dw[" + j + "]").isCloseTo((up - down) / (2 * eps), within(2e-3));
        }
        double largest = 0;
        for (float g : grad) {
            largest = Math.max(largest, Math.abs(g));
        }
        assertThat(largest).as("not all zero").isGreaterThan(1e-2);
    }

    @Test
    void contrastiveTrainingFromARandomStartLowersTheLossAndSeparatesClasses() {
        Data train = Data.make(50, 4);
        Data test = Data.make(50, 5);
        int n = train.vectors().size();
        float[] x = new float[n * D];
        for (int i = 0; i < n; i++) {
            System.arraycopy(train.vectors().get(i), 0, x, i * D, D);
        }
        int[] y = train.labels().stream().mapToInt(l -> l.charAt(5) - '0').toArray();
        List<Double> losses = new ArrayList<>();
        ProjectionTrainer.Settings settings = new ProjectionTrainer.Settings(ProjectionTrainer.Method.SUPCON, 8, 40, 0.1,
                50, 1e-2, 0.5, false, 0f, 3);
        float[] weights = ProjectionTrainer.contrastive(x, n, D, y, new float[0][], settings,
                p -> losses.add(p.loss()), Cancellation.none());
        Projection projection = new Projection(MODEL.storeKey(), "Synthetic", "label", "supcon", n, 4, false, 0f,
                new float[D], weights);

        List<Double> steps = losses.subList(1, losses.size()); // the first report is the start, without a loss
        double first = steps.subList(0, 4).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = steps.subList(steps.size() - 4, steps.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        assertThat(last).isLessThan(first * 0.8);
        assertThat(precisionAt10(test, projection::apply)).isGreaterThan(0.9);
    }

    @Test
    void defaultMethodReportsProgressAndBeatsPlainCosine() {
        Data train = Data.make(50, 6);
        Data test = Data.make(50, 7);
        List<TrainingProgress> progress = new ArrayList<>();
        Projection projection = ProjectionTrainer.train(train.vectors(), train.labels(), MODEL, "label",
                settings(ProjectionTrainer.Method.SUPCON), progress::add, Cancellation.none());

        assertThat(projection.method()).isEqualTo("supcon");
        assertThat(projection.outputDimension()).isEqualTo(8);
        assertThat(progress).extracting(TrainingProgress::stage).contains("discriminant", "contrastive");
        TrainingProgress lastStep = progress.get(progress.size() - 1);
        assertThat(lastStep.done()).isEqualTo(lastStep.total()).isEqualTo(15 * 3);
        assertThat(precisionAt10(test, projection::apply)).isGreaterThan(0.95);
    }

    @Test
    void aLargeCollectionGetsFewerPassesNotMoreSteps() {
        Data train = Data.make(25, 9); // 100 photos in batches of 2: 50 steps a pass, 30 passes would be 1,500 steps
        List<TrainingProgress> progress = new ArrayList<>();
        ProjectionTrainer.train(train.vectors(), train.labels(), MODEL, "label",
                new ProjectionTrainer.Settings(ProjectionTrainer.Method.SUPCON, 4, 30, 0.1, 2, 1e-3, 0.5, false, 0f, 3),
                progress::add, Cancellation.none());
        TrainingProgress last = progress.get(progress.size() - 1);
        assertThat(last.total()).isEqualTo(ProjectionTrainer.MAX_STEPS).isEqualTo(last.done());
    }

    @Test
    void cancellationStopsTraining() {
        Data train = Data.make(50, 8);
        Cancellation cancellation = new Cancellation();
        assertThatThrownBy(() -> ProjectionTrainer.train(train.vectors(), train.labels(), MODEL, "label",
                settings(ProjectionTrainer.Method.SUPCON), p -> {
                    if (p.stage().equals("contrastive") && p.done() == 2) {
                        cancellation.cancel();
                    }
                }, cancellation)).isInstanceOf(CancellationException.class);
    }

    @Test
    void refusesTooFewLabels() {
        List<float[]> vectors = List.of(new float[D], new float[D], new float[D]);
        assertThatThrownBy(() -> ProjectionTrainer.train(vectors, List.of("a", "a", "b"), MODEL, "label",
                settings(ProjectionTrainer.Method.LDA), p -> { }, Cancellation.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two labels");
    }
}
