package dev.pinwall.learn;

import dev.pinwall.embed.EmbedderInfo;
import dev.pinwall.task.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Learns a {@link Projection} from labelled model vectors: photos that share a label are pulled together, the
 * others pushed apart. Two methods:
 * <ul>
 *   <li>{@link Method#LDA}: shrinkage linear discriminant analysis, closed form, about a second;</li>
 *   <li>{@link Method#SUPCON} (the default): a linear layer trained with the supervised contrastive loss
 *       (mini-batches, Adam), started from the LDA directions; seconds to a minute on two cores.</li>
 * </ul>
 * Runs on the calling thread (its matrix products use the common fork-join pool) and polls the cancellation
 * between steps: call it from a background task.
 */
public final class ProjectionTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionTrainer.class);
    /** At most this many contrastive steps, whatever the number of photos. */
    static final int MAX_STEPS = 600;

    private ProjectionTrainer() {
    }

    /** How the projection is learned. */
    public enum Method {
        LDA, SUPCON;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code lda} or {@code supcon}, any case. */
        public static Method parse(String text) {
            for (Method method : values()) {
                if (method.id().equalsIgnoreCase(text.strip())) {
                    return method;
                }
            }
            throw new IllegalArgumentException("unknown method '" + text + "': use lda or supcon");
        }
    }

    /**
     * @param method       how to learn
     * @param dimension    output size of the contrastive layer (LDA gives at most one less than the labels)
     * @param epochs       passes over the photos (contrastive), fewer when they would pass 600 steps
     * @param temperature  τ of the contrastive loss
     * @param batchSize    photos per step (contrastive)
     * @param learningRate Adam's step size (contrastive)
     * @param shrinkage    0..1, how far the within-class scatter is pulled to the identity (LDA)
     * @param signedSqrt   whether inputs get the signed square root first
     * @param keepOriginal share of the original similarity kept beside the learned one ({@link Projection#keepOriginal()})
     * @param seed         for the shuffles and the initial weights: the same inputs give the same projection
     */
    public record Settings(Method method, int dimension, int epochs, double temperature, int batchSize,
                           double learningRate, double shrinkage, boolean signedSqrt, float keepOriginal, long seed) {
        public Settings {
            if (dimension <= 0 || epochs < 0 || batchSize < 2 || !(temperature > 0) || !(learningRate > 0)
                    || shrinkage < 0 || shrinkage > 1 || !(keepOriginal >= 0 && keepOriginal <= 1)) {
                throw new IllegalArgumentException("bad training settings: " + this);
            }
        }

        /**
         * The standard settings: 256-d, 30 epochs, τ 0.1, batches of 256, Adam 1e-3, shrinkage 0.5, signed root,
         * and 0.3 of the original similarity kept.
         */
        public static Settings defaults() {
            return new Settings(Method.SUPCON, 256, 30, 0.1, 256, 1e-3, 0.5, true, 0.3f, 1);
        }

        public Settings withMethod(Method m) {
            return new Settings(m, dimension, epochs, temperature, batchSize, learningRate, shrinkage, signedSqrt, keepOriginal,
                    seed);
        }

        public Settings withKeepOriginal(float share) {
            return new Settings(method, dimension, epochs, temperature, batchSize, learningRate, shrinkage, signedSqrt, share,
                    seed);
        }
    }

    /**
     * Learns a projection.
     *
     * @param vectors     the model's vectors of the labelled photos
     * @param labels      the label of each vector (same order)
     * @param model       the model that made the vectors: the projection is tied to it
     * @param labelColumn what the labels are, kept in the file for messages
     * @param listener    told of progress, on the calling thread
     * @throws java.util.concurrent.CancellationException when cancelled
     * @throws IllegalArgumentException                  when there is too little to learn from
     */
    public static Projection train(List<float[]> vectors, List<String> labels, EmbedderInfo model, String labelColumn,
                                   Settings settings, Consumer<TrainingProgress> listener, Cancellation cancellation) {
        if (vectors.size() != labels.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + vectors.size() + " vectors");
        }
        int d = model.dimension();
        Map<String, Integer> classOf = new HashMap<>();
        int[] y = new int[labels.size()];
        Map<String, Integer> members = new HashMap<>();
        labels.forEach(label -> members.merge(label, 1, Integer::sum));
        for (int i = 0; i < y.length; i++) {
            y[i] = classOf.computeIfAbsent(labels.get(i), l -> classOf.size());
        }
        long repeated = members.values().stream().filter(c -> c > 1).count();
        if (repeated < 2) {
            throw new IllegalArgumentException("need at least two labels with two or more photos each to learn from; "
                    + "found " + labels.size() + " labelled photos with " + classOf.size() + " labels");
        }
        int n = vectors.size();
        // Prepared inputs: signed root (optional), then centred on their mean.
        float[] x = new float[n * d];
        float[] mean = new float[d];
        double[] sum = new double[d];
        for (int i = 0; i < n; i++) {
            float[] v = vectors.get(i);
            if (v.length != d) {
                throw new IllegalArgumentException("vector " + i + " has " + v.length + " values; the model gives " + d);
            }
            float[] p = settings.signedSqrt() ? Projection.signedSqrt(v) : v;
            System.arraycopy(p, 0, x, i * d, d);
            for (int j = 0; j < d; j++) {
                sum[j] += p[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = (float) (sum[j] / n);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] -= mean[j];
            }
        }
        cancellation.throwIfCancelled();

        listener.accept(new TrainingProgress("discriminant", 0, 1, Double.NaN));
        float[][] directions = Lda.fit(x, n, d, y, classOf.size(), settings.shrinkage(),
                settings.method() == Method.LDA ? d : settings.dimension());
        listener.accept(new TrainingProgress("discriminant", 1, 1, Double.NaN));
        cancellation.throwIfCancelled();

        float[] weights;
        if (settings.method() == Method.LDA) {
            weights = new float[directions.length * d];
            for (int r = 0; r < directions.length; r++) {
                System.arraycopy(directions[r], 0, weights, r * d, d);
            }
        } else {
            weights = contrastive(x, n, d, y, directions, settings, listener, cancellation);
        }
        return new Projection(model.storeKey(), model.displayName(), labelColumn, settings.method().id(), n,
                classOf.size(), settings.signedSqrt(), settings.keepOriginal(), mean, weights);
    }

    /**
     * Trains the contrastive layer on prepared inputs, started from the given directions (random small rows beyond
     * them; all random when there are none). Returns the map, row-major, {@code dimension} rows of {@code d}.
     */
    static float[] contrastive(float[] x, int n, int d, int[] y, float[][] directions, Settings settings,
                                       Consumer<TrainingProgress> listener, Cancellation cancellation) {
        int m = settings.dimension();
        Random random = new Random(settings.seed());
        float[] wt = initialWeights(directions, d, m, random);
        float[] grad = new float[d * m];
        float[] firstMoment = new float[d * m];
        float[] secondMoment = new float[d * m];
        double beta1 = 0.9;
        double beta2 = 0.999;
        int batch = Math.min(settings.batchSize(), n);
        int stepsPerEpoch = Math.max(1, n / batch); // the last short batch is dropped, as a fresh shuffle covers it
        // A large collection gets fewer passes, so that learning stays around a minute (600 steps ≈ 5,000 photos x 30).
        int epochs = Math.min(settings.epochs(), Math.max(1, MAX_STEPS / stepsPerEpoch));
        int total = epochs * stepsPerEpoch;
        int step = 0;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] bx = new float[batch * d];
        int[] by = new int[batch];
        listener.accept(new TrainingProgress("contrastive", 0, total, Double.NaN));
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            double epochLoss = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                cancellation.throwIfCancelled();
                for (int r = 0; r < batch; r++) {
                    int i = order[s * batch + r];
                    System.arraycopy(x, i * d, bx, r * d, d);
                    by[r] = y[i];
                }
                double loss = SupConLoss.lossAndGradient(bx, by, batch, d, wt, m, settings.temperature(), grad);
                epochLoss += loss;
                step++;
                double lr = settings.learningRate() * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
                for (int j = 0; j < wt.length; j++) {
                    float gj = grad[j];
                    firstMoment[j] = (float) (beta1 * firstMoment[j] + (1 - beta1) * gj);
                    secondMoment[j] = (float) (beta2 * secondMoment[j] + (1 - beta2) * gj * gj);
                    wt[j] -= (float) (lr * firstMoment[j] / (Math.sqrt(secondMoment[j]) + 1e-8));
                }
                listener.accept(new TrainingProgress("contrastive", step, total, loss));
            }
            LOG.debug("epoch {}: loss {}", epoch + 1, epochLoss / stepsPerEpoch);
        }
        float[] weights = new float[m * d];
        for (int k = 0; k < d; k++) {
            for (int o = 0; o < m; o++) {
                weights[o * d + k] = wt[k * m + o];
            }
        }
        return weights;
    }

    /**
     * Transposed initial weights: the LDA directions in the first columns, all scaled by one factor (so their
     * relative weights, which carry the discrimination, are kept) to the size of PyTorch's default initialisation;
     * then small random columns, which let the layer grow directions the LDA did not find.
     */
    static float[] initialWeights(float[][] directions, int d, int m, Random random) {
        float[] wt = new float[d * m];
        int fromLda = Math.min(directions.length, m);
        double squares = 0;
        for (int o = 0; o < fromLda; o++) {
            for (float v : directions[o]) {
                squares += (double) v * v;
            }
        }
        double scale = fromLda == 0 ? 0 : 1 / Math.sqrt(3.0 * d) / Math.sqrt(squares / ((double) fromLda * d));
        for (int o = 0; o < fromLda; o++) {
            for (int k = 0; k < d; k++) {
                wt[k * m + o] = (float) (directions[o][k] * scale);
            }
        }
        // PyTorch's default for a linear layer, U(-1/√d, 1/√d), for the rest.
        float bound = (float) (1 / Math.sqrt(d));
        for (int k = 0; k < d; k++) {
            for (int o = fromLda; o < m; o++) {
                wt[k * m + o] = (random.nextFloat() * 2 - 1) * bound * 0.1f;
            }
        }
        return wt;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
