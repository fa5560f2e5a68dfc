package dev.pinwall.learn;

import dev.pinwall.library.TrainingSet;
import dev.pinwall.embed.TorchScriptEmbedder;
import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.eval.RetrievalScores;
import dev.pinwall.library.IndexListener;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Learn-on-one-half, measure-on-the-other figures on fashion-dev: plain cosine, LDA, SupCon, and SupCon followed by
 * a minimal database-side augmentation (each vector averaged with its top 10 neighbours, weights similarity³), for
 * articleType and articleType+baseColour relevance. Run by hand:
 * {@code LearnBench SHARED_DIR STORE.db [MODEL.pt] [seed]} (the store gets the vectors it lacks).
 */
public final class LearnBench {
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Path shared = Path.of(args[0]);
        Path images = shared.resolve("datasets/fashion-dev/images");
        Path model = args.length > 2 ? Path.of(args[2]) : shared.resolve("models/mobilenet_v2_imagenet.pt");
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        try (EmbeddingStore store = EmbeddingStore.open(Path.of(args[1]));
             TorchScriptEmbedder embedder = TorchScriptEmbedder.load(model);
             Library library = Library.open(images, embedder, store)) {
            library.index(IndexListener.NONE, Cancellation.none());
            Function<Photo, Optional<String>> type = p -> p.productInfo().map(i -> i.articleType());
            Function<Photo, Optional<String>> typeColour = p -> p.productInfo()
                    .filter(i -> !i.baseColour().isEmpty()).map(i -> i.articleType() + "|" + i.baseColour());
            for (int fold = 0; fold < 2; fold++) {
                Split train = new Split(seed, fold);
                TrainingSet learnOn = TrainingSet.of(library, type, p -> train.contains(p.name()));
                TrainingSet evalType = TrainingSet.of(library, type, p -> !train.contains(p.name()));
                TrainingSet evalColour = TrainingSet.of(library, typeColour, p -> !train.contains(p.name()));
                System.out.printf(Locale.ROOT, "fold %d: learn on %d, evaluate on %d%n", fold, learnOn.size(), evalType.size());
                report("plain", null, evalType, evalColour);
                for (ProjectionTrainer.Method method : ProjectionTrainer.Method.values()) {
                    long start = System.nanoTime();
                    Projection projection = ProjectionTrainer.train(learnOn.vectors(), learnOn.labels(), embedder.info(),
                            "articleType", ProjectionTrainer.Settings.defaults().withMethod(method).withKeepOriginal(0f), p -> {
                            }, Cancellation.none());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    report(String.format(Locale.ROOT, "%s, nothing kept (%d-d, %.1f s)", method.id(), projection.outputDimension(),
                            seconds), projection, evalType, evalColour);
                    if (method == ProjectionTrainer.Method.SUPCON) {
                        report(method.id() + " + database-side augmentation", projection, evalType, evalColour, true);
                        for (float keep : new float[] {0.3f, 0.5f}) { // 0.3: the default
                            Projection kept = projection.withKeepOriginal(keep);
                            report(method.id() + " keep " + keep, kept, evalType, evalColour);
                            report(method.id() + " keep " + keep + " + augmentation", kept, evalType, evalColour, true);
                        }
                    }
                }
            }
        }
    }

    private static void report(String name, Projection projection, TrainingSet type, TrainingSet colour) {
        report(name, projection, type, colour, false);
    }

    private static void report(String name, Projection projection, TrainingSet type, TrainingSet colour, boolean augment) {
        RetrievalScores t = score(projection, type, augment);
        RetrievalScores c = score(projection, colour, augment);
        System.out.printf(Locale.ROOT, "  %-44s articleType P@10 %.4f mAP@10 %.4f | +baseColour P@10 %.4f mAP@10 %.4f%n",
                name, t.precisionAtK(), t.mapAtK(), c.precisionAtK(), c.mapAtK());
    }

    private static RetrievalScores score(Projection projection, TrainingSet set, boolean augment) {
        List<float[]> vectors = new ArrayList<>();
        for (float[] v : set.vectors()) {
            vectors.add(projection == null ? v : projection.apply(v));
        }
        VectorIndex index = index(vectors);
        if (augment) {
            index = index(augmented(index, 10));
        }
        return RetrievalEvaluator.evaluate(index, set.labels(), 10);
    }

    private static VectorIndex index(List<float[]> vectors) {
        VectorIndex index = new VectorIndex(vectors.get(0).length, vectors.size());
        vectors.forEach(index::add);
        return index;
    }

    /** Each vector replaced by the similarity³-weighted mean of itself and its top-k neighbours. */
    private static List<float[]> augmented(VectorIndex index, int k) {
        List<float[]> out = new ArrayList<>();
        for (int row = 0; row < index.size(); row++) {
            float[] sum = index.vector(row);
            for (Hit hit : index.nearest(row, k, r -> true, 0f)) {
                float w = hit.score() * hit.score() * hit.score();
                float[] v = index.vector(hit.row());
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += w * v[j];
                }
            }
            out.add(sum);
        }
        return out;
    }
}
