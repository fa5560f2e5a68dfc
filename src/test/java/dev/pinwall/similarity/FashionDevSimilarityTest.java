package dev.pinwall.similarity;

import dev.pinwall.embed.EmbeddingPipeline;
import dev.pinwall.embed.PipelineSettings;
import dev.pinwall.embed.TorchScriptEmbedder;
import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.eval.RetrievalScores;
import dev.pinwall.metadata.LabelsCsv;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.task.Cancellation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** On real photos, the collection-aware default finds more same-category neighbours than the plain cosine. */
class FashionDevSimilarityTest {

    @Test
    void theDefaultBeatsPlainOnAFashionDevSubset() throws Exception {
        Path shared = Path.of(System.getProperty("pinwall.shared", "../shared"));
        Path root = shared.resolve("datasets/fashion-dev");
        Path model = shared.resolve("models/mobilenet_v2_imagenet.pt");
        assumeTrue(Files.isDirectory(root) && Files.isRegularFile(model),
                "fashion-dev or the MobileNetV2 model is not in " + shared.toAbsolutePath());
        Map<String, String> labels = LabelsCsv.read(root.resolve("labels.csv"), "file", "articleType").labels();
        // Every 8th photo: 500 photos of all categories, none chosen by hand.
        List<Path> files = new ArrayList<>();
        List<String> fileLabels = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> entry : labels.entrySet()) {
            if (i++ % 8 == 0) {
                files.add(root.resolve("images").resolve(entry.getKey()));
                fileLabels.add(entry.getValue());
            }
        }
        Map<Path, float[]> vectors = new java.util.concurrent.ConcurrentHashMap<>();
        try (TorchScriptEmbedder embedder = TorchScriptEmbedder.load(model)) {
            new EmbeddingPipeline(embedder, PipelineSettings.defaults()).run(files,
                    (done, failed) -> done.forEach(v -> vectors.put(v.file(), v.vector())), Cancellation.none());
        }
        VectorIndex plain = new VectorIndex(vectors.values().iterator().next().length, files.size());
        List<String> rowLabels = new ArrayList<>();
        for (int r = 0; r < files.size(); r++) {
            float[] v = vectors.get(files.get(r));
            if (v != null) {
                plain.add(v);
                rowLabels.add(fileLabels.get(r));
            }
        }
        CollectionSpace space = new CollectionSpace(plain, FeatureLayout.single(plain.dimension()));
        space.fit();

        RetrievalScores before = RetrievalEvaluator.evaluate(plain, rowLabels, 10);
        RetrievalScores after = RetrievalEvaluator.evaluate(rowLabels, 10,
                (row, depth) -> space.nearest(row, depth, r -> true, Float.NEGATIVE_INFINITY));
        assertThat(after.queries()).isEqualTo(before.queries()).isGreaterThan(300);
        assertThat(after.precisionAtK()).as("collection-aware vs plain %s", before.summaryLine())
                .isGreaterThan(before.precisionAtK());
    }
}
