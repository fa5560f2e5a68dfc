package dev.pinwall.embed;

import java.nio.file.Path;
import java.util.List;

/** Placeholder until the registry lands from the embed branch: only the built-in descriptor. */
public final class ModelRegistry {
    public static ModelRegistry discover(List<Path> dirs) {
        return new ModelRegistry();
    }

    public List<ModelOption> options() {
        return List.of(new ModelOption("builtin", "Built-in colour and texture", true, ""));
    }

    public Opened openDefault(String choice) {
        if (choice != null && (choice.endsWith(".pt") || choice.endsWith(".json"))) {
            try {
                return new Opened(TorchScriptEmbedder.load(Path.of(choice)), List.of());
            } catch (EmbedException e) {
                return new Opened(new ColourTextureEmbedder(), List.of(e.getMessage()));
            }
        }
        return new Opened(new ColourTextureEmbedder(), List.of());
    }

    public record Opened(Embedder embedder, List<String> notes) {
    }
}
