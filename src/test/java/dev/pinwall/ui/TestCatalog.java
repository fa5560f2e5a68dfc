package dev.pinwall.ui;

import dev.pinwall.embed.EmbedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A catalog of test embedders, plus one unavailable model so the selector has something to disable. */
final class TestCatalog implements EmbedderCatalog {
    private final Map<String, Supplier<ColourEmbedder>> embedders;
    private final String defaultId;
    final List<ColourEmbedder> opened = new ArrayList<>();

    TestCatalog(String defaultId, Map<String, Supplier<ColourEmbedder>> embedders) {
        this.defaultId = defaultId;
        this.embedders = embedders;
    }

    static TestCatalog of(Supplier<ColourEmbedder> embedder) {
        return new TestCatalog("colour", Map.of("colour", embedder));
    }

    @Override
    public List<ModelChoice> choices() {
        List<ModelChoice> out = new ArrayList<>();
        embedders.keySet().stream().sorted()
                .forEach(id -> out.add(new ModelChoice(id, "Colour " + id, true, "")));
        out.add(new ModelChoice("missing", "Missing model", false, "missing.pt not found"));
        return out;
    }

    @Override
    public Opened openDefault(String explicitOrNull) throws EmbedException {
        return open(explicitOrNull == null ? defaultId : explicitOrNull);
    }

    @Override
    public synchronized Opened open(String choice) throws EmbedException {
        Supplier<ColourEmbedder> supplier = embedders.get(choice);
        if (supplier == null) {
            throw new EmbedException("No model " + choice);
        }
        ColourEmbedder embedder = supplier.get();
        opened.add(embedder);
        return new Opened(embedder, choice, List.of());
    }
}
