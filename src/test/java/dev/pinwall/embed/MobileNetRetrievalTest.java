package dev.pinwall.embed;

import dev.pinwall.eval.RetrievalScores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Same-category neighbours on a fashion-dev subset, with the real backbone and the built-in descriptor. */
class MobileNetRetrievalTest {
    private static final Set<String> CATEGORIES = Set.of("Watches", "Casual Shoes", "Handbags", "Sunglasses",
            "Tshirts", "Jeans");

    /** Up to 50 images of each of six categories: chance P@10 is about 1/6. */
    private static List<FashionDev.Item> subset() throws Exception {
        var items = FashionDev.items();
        assumeTrue(items.isPresent(), "fashion-dev not available (pinwall.shared)");
        Map<String, List<FashionDev.Item>> byLabel = items.get().stream()
                .filter(i -> CATEGORIES.contains(i.label()))
                .collect(Collectors.groupingBy(FashionDev.Item::label));
        List<FashionDev.Item> out = new ArrayList<>();
        byLabel.values().forEach(list -> out.addAll(list.subList(0, Math.min(50, list.size()))));
        return out;
    }

    @Test
    void mobileNetFindsSameCategoryNeighbours() throws Exception {
        List<FashionDev.Item> items = subset();
        var model = FashionDev.model("mobilenet_v2_imagenet.pt");
        assumeTrue(model.isPresent(), "shared model not available");
        try (Embedder embedder = TorchScriptEmbedder.load(model.get())) {
            RetrievalScores scores = FashionDev.evaluate(embedder, items, PipelineSettings.defaults());
            assertThat(scores.queries()).isEqualTo(items.size());
            assertThat(scores.precisionAtK()).isGreaterThan(0.8);
        }
    }

    @Test
    void builtInDescriptorBeatsChanceClearly() throws Exception {
        List<FashionDev.Item> items = subset();
        try (Embedder embedder = new ColourTextureEmbedder()) {
            RetrievalScores scores = FashionDev.evaluate(embedder, items, PipelineSettings.defaults());
            assertThat(scores.precisionAtK()).isGreaterThan(0.5);
        }
    }
}
