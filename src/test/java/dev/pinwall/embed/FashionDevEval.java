package dev.pinwall.embed;

import dev.pinwall.eval.RetrievalScores;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Full fashion-dev retrieval figures for a model: {@code FashionDevEval MODEL.pt|builtin[:colour,layout,edge]}.
 * Needs {@code -Dpinwall.shared=...}; run by hand (too slow for the unit tests).
 */
public final class FashionDevEval {
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        List<FashionDev.Item> items = FashionDev.items().orElseThrow(() -> new IllegalStateException("no fashion-dev"));
        for (String arg : args) {
            long start = System.nanoTime();
            try (Embedder embedder = open(arg)) {
                RetrievalScores s = FashionDev.evaluate(embedder, items, PipelineSettings.defaults());
                System.out.printf(Locale.ROOT, "%s: P@5 %.4f P@10 %.4f mAP@10 %.4f queries %d (%.1f s)%n", arg,
                        s.precisionAt5(), s.precisionAtK(), s.mapAtK(), s.queries(), (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static Embedder open(String arg) throws Exception {
        if (arg.startsWith("builtin")) {
            if (arg.contains(":")) {
                String[] w = arg.substring(arg.indexOf(':') + 1).split(",");
                return new ColourTextureEmbedder(Float.parseFloat(w[0]), Float.parseFloat(w[1]), Float.parseFloat(w[2]));
            }
            return new ColourTextureEmbedder();
        }
        return TorchScriptEmbedder.load(Path.of(arg));
    }
}
