package dev.pinwall.embed;

import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.eval.RetrievalScores;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.task.Cancellation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shared fashion-dev set (found through {@code pinwall.shared}) and retrieval scoring over it. */
final class FashionDev {
    record Item(Path file, String label) {
    }

    private FashionDev() {
    }

    static Optional<Path> sharedDir() {
        String prop = System.getProperty("pinwall.shared");
        Path dir = prop != null ? Path.of(prop) : Path.of("../shared");
        return Files.isDirectory(dir) ? Optional.of(dir.toAbsolutePath().normalize()) : Optional.empty();
    }

    static Optional<Path> model(String fileName) {
        return sharedDir().map(d -> d.resolve("models").resolve(fileName)).filter(Files::isRegularFile);
    }

    static Optional<List<Item>> items() throws IOException {
        Optional<Path> root = sharedDir().map(d -> d.resolve("datasets/fashion-dev")).filter(Files::isDirectory);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(root.get().resolve("labels.csv"));
        List<Item> items = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",", 3); // file,label,...
            items.add(new Item(root.get().resolve("images").resolve(cols[0]), cols[1]));
        }
        return Optional.of(items);
    }

    /** Embeds the items and scores leave-one-out retrieval at k = 10 (P@5 reported too). */
    static RetrievalScores evaluate(Embedder embedder, List<Item> items, PipelineSettings settings) {
        Map<Path, float[]> vectors = new HashMap<>();
        Map<Path, String> failures = new HashMap<>();
        new EmbeddingPipeline(embedder, settings).run(items.stream().map(Item::file).toList(), (v, f) -> {
            v.forEach(e -> vectors.put(e.file(), e.vector()));
            failures.putAll(f);
        }, Cancellation.none());
        if (!failures.isEmpty()) {
            throw new IllegalStateException("failed: " + failures);
        }
        VectorIndex index = new VectorIndex(embedder.info().dimension(), items.size());
        List<String> labels = new ArrayList<>();
        for (Item item : items) {
            index.add(vectors.get(item.file()));
            labels.add(item.label());
        }
        return RetrievalEvaluator.evaluate(index, labels, 10);
    }
}
