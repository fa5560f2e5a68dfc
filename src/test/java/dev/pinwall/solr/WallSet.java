package dev.pinwall.solr;

import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.TorchScriptEmbedder;
import dev.pinwall.library.IndexListener;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.scan.ContentHash;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.store.PhotoFacts;
import dev.pinwall.task.Cancellation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The vectors the Solr tests index: MobileNetV2 vectors of a few hundred fashion-dev photos (every k-th row of
 * labels.csv, copied to a folder with their labels), or, when ../shared is absent, seeded clustered vectors with
 * cluster labels, so the engine is still exercised (the test says which it used).
 *
 * @param folder the photos' folder (fashion-dev only), for indexing through the library
 */
record WallSet(String source, String storeKey, int dimension, List<String> hashes, Map<String, float[]> vectors,
               Map<String, PhotoFacts> facts, Optional<Path> folder, Optional<Path> model) {

    static WallSet load(Path dir, int size) throws Exception {
        String prop = System.getProperty("pinwall.shared");
        Path shared = Path.of(prop != null ? prop : "../shared");
        Path labels = shared.resolve("datasets/fashion-dev/labels.csv");
        Path model = shared.resolve("models/mobilenet_v2_imagenet.pt");
        if (Files.isRegularFile(labels) && Files.isRegularFile(model)) {
            return fashionDev(labels, model, dir, size);
        }
        return synthetic(size);
    }

    String articleType(String hash) {
        return facts.get(hash).labels().getOrDefault("articleType", "");
    }

    private static WallSet fashionDev(Path labels, Path model, Path dir, int size) throws Exception {
        List<String> lines = Files.readAllLines(labels);
        Path folder = Files.createDirectories(dir.resolve("photos"));
        List<String> rows = new ArrayList<>(List.of(lines.get(0)));
        int step = Math.max(1, (lines.size() - 1) / size);
        for (int i = 1; i < lines.size() && rows.size() <= size; i += step) {
            String file = lines.get(i).split(",", 2)[0];
            Files.copy(labels.resolveSibling("images").resolve(file), folder.resolve(file));
            rows.add(lines.get(i));
        }
        Files.write(folder.resolve("labels.csv"), rows);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, PhotoFacts> facts = new LinkedHashMap<>();
        String storeKey;
        int dimension;
        try (Embedder embedder = TorchScriptEmbedder.load(model);
             EmbeddingStore local = EmbeddingStore.open(dir.resolve("local.db"));
             Library library = Library.open(folder, embedder, local)) {
            library.index(new IndexListener() { }, Cancellation.none());
            storeKey = embedder.info().storeKey();
            dimension = embedder.info().dimension();
            for (Photo photo : library.photos()) {
                Optional<float[]> vector = library.vector(photo);
                if (vector.isEmpty()) {
                    continue;
                }
                String hash = ContentHash.of(photo.path());
                vectors.put(hash, vector.get());
                facts.put(hash, new PhotoFacts(List.of(photo.path().toString()), photo.productInfo()
                        .map(info -> Map.of("articleType", info.articleType(), "gender", info.gender()))
                        .orElse(Map.of())));
            }
        }
        return new WallSet("MobileNetV2 vectors of " + vectors.size() + " fashion-dev photos", storeKey, dimension,
                List.copyOf(vectors.keySet()), vectors, facts, Optional.of(folder), Optional.of(model));
    }

    private static WallSet synthetic(int size) throws IOException {
        int dimension = 64;
        int clusters = 8;
        Random random = new Random(8);
        float[][] centres = new float[clusters][dimension];
        for (float[] centre : centres) {
            for (int d = 0; d < dimension; d++) {
                centre[d] = (float) random.nextGaussian();
            }
        }
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, PhotoFacts> facts = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            int c = i % clusters;
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = centres[c][d] + 0.8f * (float) random.nextGaussian();
            }
            String hash = ContentHash.of(("synthetic " + i).getBytes());
            vectors.put(hash, v);
            facts.put(hash, new PhotoFacts(List.of("/synthetic/" + i + ".jpg"), Map.of("articleType", "type" + c)));
        }
        return new WallSet("seeded clustered 64-d vectors (../shared absent)", "synthetic@p1", dimension,
                List.copyOf(vectors.keySet()), vectors, facts, Optional.empty(), Optional.empty());
    }
}
