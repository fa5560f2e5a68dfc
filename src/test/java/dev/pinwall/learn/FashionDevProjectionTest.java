package dev.pinwall.learn;

import dev.pinwall.embed.EmbeddingPipeline;
import dev.pinwall.embed.PipelineSettings;
import dev.pinwall.embed.TorchScriptEmbedder;
import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.task.Cancellation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On real photos: a projection learned on one half of a fashion-dev subset (ten article types that MobileNetV2
 * confuses: tops, shoes) finds same-type neighbours on the other half better than plain cosine.
 */
class FashionDevProjectionTest {
    private static final Set<String> TYPES = Set.of("Tshirts", "Shirts", "Tops", "Kurtas", "Casual Shoes",
            "Sports Shoes", "Formal Shoes", "Heels", "Flats", "Sandals");
    private static final int PER_TYPE = 40;

    @Test
    void projectionLearnedOnOneHalfBeatsPlainCosineOnTheOther() throws Exception {
        String prop = System.getProperty("pinwall.shared");
        Path shared = Path.of(prop != null ? prop : "../shared");
        Path root = shared.resolve("datasets/fashion-dev");
        Path model = shared.resolve("models/mobilenet_v2_imagenet.pt");
        assumeTrue(Files.isRegularFile(root.resolve("labels.csv")), "fashion-dev not available (pinwall.shared)");
        assumeTrue(Files.isRegularFile(model), "shared MobileNetV2 not available (pinwall.shared)");

        // file,label,... where label is the articleType; the first PER_TYPE photos of each chosen type.
        Map<Path, String> labelOf = new LinkedHashMap<>();
        Map<String, Integer> taken = new HashMap<>();
        List<String> lines = Files.readAllLines(root.resolve("labels.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",", 3);
            if (TYPES.contains(cols[1]) && taken.merge(cols[1], 1, Integer::sum) <= PER_TYPE) {
                labelOf.put(root.resolve("images").resolve(cols[0]), cols[1]);
            }
        }
        Map<Path, float[]> vectors = new HashMap<>();
        try (TorchScriptEmbedder embedder = TorchScriptEmbedder.load(model)) {
            new EmbeddingPipeline(embedder, PipelineSettings.defaults()).run(new ArrayList<>(labelOf.keySet()),
                    (done, failed) -> done.forEach(v -> vectors.put(v.file(), v.vector())), Cancellation.none());
            assertThat(vectors).hasSize(labelOf.size());

            Split learnHalf = new Split(1, 0);
            List<float[]> trainVectors = new ArrayList<>();
            List<String> trainLabels = new ArrayList<>();
            List<float[]> testVectors = new ArrayList<>();
            List<String> testLabels = new ArrayList<>();
            labelOf.forEach((file, label) -> {
                boolean learn = learnHalf.contains(file.getFileName().toString());
                (learn ? trainVectors : testVectors).add(vectors.get(file));
                (learn ? trainLabels : testLabels).add(label);
            });
            Projection projection = ProjectionTrainer.train(trainVectors, trainLabels, embedder.info(), "articleType",
                    ProjectionTrainer.Settings.defaults(), p -> { }, Cancellation.none());

            double plain = precisionAt10(testVectors, testLabels, v -> v);
            double projected = precisionAt10(testVectors, testLabels, projection::apply);
            System.err.printf("fashion-dev subset, %d learned / %d held out: plain P@10 %.4f, projected %.4f%n",
                    trainLabels.size(), testLabels.size(), plain, projected);
            assertThat(projected).isGreaterThan(plain + 0.03);
        }
    }

    private static double precisionAt10(List<float[]> vectors, List<String> labels, Function<float[], float[]> map) {
        List<float[]> mapped = vectors.stream().map(map).toList();
        VectorIndex index = new VectorIndex(mapped.get(0).length, mapped.size());
        mapped.forEach(index::add);
        return RetrievalEvaluator.evaluate(index, labels, 10).precisionAtK();
    }
}
