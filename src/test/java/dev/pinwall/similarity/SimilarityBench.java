package dev.pinwall.similarity;

import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.eval.RetrievalScores;
import dev.pinwall.library.IndexListener;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.metadata.LabelsCsv;
import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compares the similarity pipelines on a labelled folder whose vectors are already in a store:
 * {@code SimilarityBench STORE IMAGES LABELS MODEL [SECOND_MODEL] [COLUMN,...]}.
 */
public final class SimilarityBench {
    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        Path images = Path.of(args[1]);
        Path labelsCsv = Path.of(args[2]);
        String model = args[3];
        String second = args.length > 4 && !args[4].isEmpty() ? args[4] : null;
        String[] columns = (args.length > 5 ? args[5] : "articleType").split(",");
        List<float[]> first = new ArrayList<>();
        List<float[]> other = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        try (EmbeddingStore s = EmbeddingStore.open(store)) {
            List<Map<String, String>> byColumn = new ArrayList<>();
            for (String c : columns) {
                byColumn.add(LabelsCsv.read(labelsCsv, "file", c).labels());
            }
            Map<Photo, float[]> a = load(s, images, model);
            Map<Photo, float[]> b = second == null ? null : load(s, images, second);
            for (Map.Entry<Photo, float[]> e : a.entrySet()) {
                StringBuilder label = new StringBuilder();
                for (Map<String, String> m : byColumn) {
                    label.append(m.getOrDefault(e.getKey().name(), "")).append('|');
                }
                if (label.toString().contains("||") || label.charAt(0) == '|' || (b != null && !b.containsKey(e.getKey()))) {
                    continue;
                }
                labels.add(label.toString());
                first.add(e.getValue());
                if (b != null) {
                    other.add(b.get(e.getKey()));
                }
            }
        }
        int d = first.get(0).length;
        VectorIndex plain = index(first);
        report("plain", RetrievalEvaluator.evaluate(plain, labels, 10));
        if (System.getProperty("variants") != null) {
            int[] blocks = Arrays.stream(System.getProperty("blocks", "" + d).split(",")).mapToInt(Integer::parseInt)
                    .toArray();
            SimilarityVariants.run(plain, labels, blocks.length == 1 ? FeatureLayout.single(d) : FeatureLayout.fused(blocks));
            return;
        }
        long t0 = System.nanoTime();
        CollectionSpace space = new CollectionSpace(plain, FeatureLayout.single(d));
        space.fit();
        System.out.printf("fit %d rows: %.1f s%n", plain.size(), (System.nanoTime() - t0) / 1e9);
        report("collection", RetrievalEvaluator.evaluate(labels, 10,
                (row, depth) -> space.nearest(row, depth, r -> true, Float.NEGATIVE_INFINITY)));
        report("collection+rerank", RetrievalEvaluator.evaluate(labels, 10,
                (row, depth) -> rerank(space, row, depth)));

        // Incremental: fitted on the first 10 %, the rest added one by one (mean refitted at +20 %).
        VectorIndex growing = index(first.subList(0, first.size() / 10));
        CollectionSpace incremental = new CollectionSpace(growing, FeatureLayout.single(d));
        incremental.fit();
        for (float[] v : first.subList(first.size() / 10, first.size())) {
            growing.add(v);
            incremental.catchUp();
        }
        report("collection incremental", RetrievalEvaluator.evaluate(labels, 10,
                (row, depth) -> incremental.nearest(row, depth, r -> true, Float.NEGATIVE_INFINITY)));

        // Outside queries: the even rows are the collection, the odd rows are dropped images.
        outside(first, labels, d);

        if (!other.isEmpty()) {
            List<float[]> fused = new ArrayList<>();
            for (int i = 0; i < first.size(); i++) {
                fused.add(FusedVectors.concat(first.get(i), other.get(i)));
            }
            VectorIndex fusedIndex = index(fused);
            report("plain second", RetrievalEvaluator.evaluate(index(other), labels, 10));
            CollectionSpace fusedSpace = new CollectionSpace(fusedIndex,
                    new FeatureLayout(new int[] {d, other.get(0).length}, new float[] {1f, 0.5f}));
            fusedSpace.fit();
            report("fused collection", RetrievalEvaluator.evaluate(labels, 10,
                    (row, depth) -> fusedSpace.nearest(row, depth, r -> true, Float.NEGATIVE_INFINITY)));
            report("fused collection+rerank", RetrievalEvaluator.evaluate(labels, 10,
                    (row, depth) -> rerank(fusedSpace, row, depth)));
        }
    }

    private static List<Hit> rerank(CollectionSpace space, int row, int depth) {
        ReciprocalReranker reranker = ReciprocalReranker.DEFAULT;
        List<Hit> candidates = space.nearest(row, reranker.candidates(), r -> true, Float.NEGATIVE_INFINITY);
        return reranker.rerank(space.vector(row), candidates,
                candidates.stream().map(h -> space.vector(h.row())).toList(), depth);
    }

    private static void outside(List<float[]> vectors, List<String> labels, int d) {
        List<float[]> inside = new ArrayList<>();
        List<String> insideLabels = new ArrayList<>();
        List<float[]> queries = new ArrayList<>();
        List<String> queryLabels = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            (i % 2 == 0 ? inside : queries).add(vectors.get(i));
            (i % 2 == 0 ? insideLabels : queryLabels).add(labels.get(i));
        }
        VectorIndex plain = index(inside);
        CollectionSpace space = new CollectionSpace(plain, FeatureLayout.single(d));
        space.fit();
        double plainSum = 0;
        double spaceSum = 0;
        for (int q = 0; q < queries.size(); q++) {
            String label = queryLabels.get(q);
            plainSum += precision(plain.nearest(queries.get(q), 10, r -> true, -2f), insideLabels, label);
            spaceSum += precision(space.nearest(queries.get(q), 10, r -> true, -2f), insideLabels, label);
        }
        System.out.printf("outside queries (%d into %d): plain P@10 %.4f collection P@10 %.4f%n", queries.size(),
                inside.size(), plainSum / queries.size(), spaceSum / queries.size());
    }

    private static double precision(List<Hit> hits, List<String> labels, String label) {
        return hits.stream().filter(h -> labels.get(h.row()).equals(label)).count() / 10.0;
    }

    private static VectorIndex index(List<float[]> vectors) {
        VectorIndex index = new VectorIndex(vectors.get(0).length, vectors.size());
        vectors.forEach(index::add);
        return index;
    }

    private static void report(String name, RetrievalScores scores) {
        System.out.printf("%-26s P@5 %.4f %s%n", name, scores.precisionAt5(), scores.summaryLine());
    }

    /** The vectors of a folder's photos under {@code model}, from the store (computing what is missing). */
    static List<float[]> vectors(Path store, Path images, String model) throws Exception {
        try (EmbeddingStore s = EmbeddingStore.open(store)) {
            return new ArrayList<>(load(s, images, model).values());
        }
    }

    private static Map<Photo, float[]> load(EmbeddingStore store, Path images, String model) throws Exception {
        Embedder embedder;
        if (model.startsWith("best:")) {
            Path file = Path.of(model.substring(5));
            List<String> notes = new ArrayList<>();
            embedder = dev.pinwall.embed.BestQuality.wrap(dev.pinwall.embed.TorchScriptEmbedder.load(file),
                    java.util.Optional.of(file), List.of(), notes);
            notes.forEach(System.out::println);
        } else {
            embedder = ModelRegistry.discover(List.of()).open(model);
        }
        try (Library library = Library.open(images, embedder, store)) {
            library.index(new IndexListener() {
            }, Cancellation.none());
            Map<Photo, float[]> out = new java.util.LinkedHashMap<>();
            for (Photo p : library.photos()) {
                library.vector(p).ifPresent(v -> out.put(p, v));
            }
            return out;
        } finally {
            embedder.close();
        }
    }
}
