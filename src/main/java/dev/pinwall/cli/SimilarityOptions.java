package dev.pinwall.cli;

import dev.pinwall.similarity.SimilarityMode;
import picocli.CommandLine.Option;

/** How {@code similar} and {@code eval} rank: the collection-aware default, {@code --plain}, or best quality. */
final class SimilarityOptions {
    /** The {@code --quality} choices. */
    enum Quality { standard, best }

    @Option(names = "--plain", description = "The original method: cosine of the model's features, nothing fitted.")
    boolean plain;

    @Option(names = "--quality", defaultValue = "standard", paramLabel = "Q", description = {
            "standard (default): collection-aware similarity, no extra embedding cost;",
            "best: also mirror and trimmed views, fusion with MobileNetV3-Small when found and k-reciprocal",
            "re-ranking (about 5x the embedding time, vectors stored separately)."})
    Quality quality;

    SimilarityMode mode() {
        if (plain && quality == Quality.best) {
            throw new IllegalArgumentException("--plain and --quality best cannot be combined");
        }
        return plain ? SimilarityMode.PLAIN : quality == Quality.best ? SimilarityMode.BEST : SimilarityMode.COLLECTION;
    }

    boolean best() {
        return quality == Quality.best;
    }
}
