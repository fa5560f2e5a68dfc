package dev.pinwall.duplicates;

import dev.pinwall.embed.TorchScriptEmbedder;
import dev.pinwall.library.IndexListener;
import dev.pinwall.library.Library;
import dev.pinwall.library.NearDuplicates;
import dev.pinwall.library.Photo;
import dev.pinwall.metadata.ProductInfo;
import dev.pinwall.scan.ContentHash;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Precision and recall of the near-duplicate detector on fashion-dev. A sample of the 4,000 photos gets copies of
 * every {@link CopyMaker.Kind}; the sample is split in two halves by photo. The threshold is calibrated (best F1) on
 * the collection plus the first half's copies, and precision and recall are reported at that threshold on the
 * collection plus the other half's copies, whose copies played no part in choosing it.
 *
 * <p>A pair of photos counts as a true duplicate when one is a copy of the other (or of a photo with the same bytes),
 * or when the two files have the same bytes; every other pair the detector groups is a false one, including two
 * distinct photos of the same article type and colour. Scores are over pairs: a group of g photos has g(g-1)/2.
 *
 * <p>Run by hand (the store gets the vectors it lacks; pass a copy of a ready store to skip embedding the 4,000):
 * {@code DuplicatesBench SHARED_DIR STORE.db [MODEL.pt] [originals] [seed] [plain|centred] [lowest]}. Prints, last,
 * {@code duplicates threshold T precision P recall R}.
 */
public final class DuplicatesBench {
    // Optional sixth and seventh arguments: "centred" measures the same on vectors centred on the collection's mean
    // (no better here), and the lowest threshold swept (default 0.85).
    private static float LOWEST = 0.85f;

    private record Scores(double precision, double recall, int predicted, int truePairs, int falsePairs,
                          int falseSameTypeColour, Map<CopyMaker.Kind, double[]> copiesFound) {
        double f1() {
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Path shared = Path.of(args[0]);
        Path images = shared.resolve("datasets/fashion-dev/images");
        Path model = args.length > 2 ? Path.of(args[2]) : shared.resolve("models/mobilenet_v2_imagenet.pt");
        int originals = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        String space = args.length > 5 ? args[5] : "plain";
        LOWEST = args.length > 6 ? Float.parseFloat(args[6]) : LOWEST;
        Path copiesDir = Files.createTempDirectory("pinwall-duplicates-bench");
        try (EmbeddingStore store = EmbeddingStore.open(Path.of(args[1]));
             TorchScriptEmbedder embedder = TorchScriptEmbedder.load(model);
             Library library = Library.open(images, embedder, store)) {
            library.index(IndexListener.NONE, Cancellation.none());
            List<Photo> dev = library.photos();

            // The sample, its halves, and the copies.
            List<Photo> shuffled = new ArrayList<>(dev);
            Collections.shuffle(shuffled, new Random(seed));
            Random random = new Random(seed + 1);
            Map<Path, Integer> partOf = new HashMap<>();
            Map<Path, CopyMaker.Copy> copyOf = new HashMap<>();
            for (int i = 0; i < Math.min(originals, shuffled.size()); i++) {
                Path original = shuffled.get(i).path();
                partOf.put(original, i % 2);
                for (CopyMaker.Copy copy : CopyMaker.copies(original, copiesDir, random)) {
                    copyOf.put(copy.file().toAbsolutePath().normalize(), copy);
                }
            }
            long started = System.nanoTime();
            library.add(List.of(copiesDir));
            library.index(IndexListener.NONE, Cancellation.none());
            System.out.printf(Locale.ROOT, "model %s; %d photos, %d originals with %d copies (embedded in %.0f s)%n",
                    embedder.info().id(), dev.size(), partOf.size(), copyOf.size(), (System.nanoTime() - started) / 1e9);

            started = System.nanoTime();
            NearDuplicates pairs;
            IntFunction<float[]> vectorOf;
            if (space.equals("centred")) {
                // the same photos in the same rows, their vectors centred on the collection's mean
                List<Photo> withVector = library.nearDuplicates(1.1f).photos();
                VectorIndex plainIndex = new VectorIndex(embedder.info().dimension(), withVector.size());
                withVector.forEach(p -> plainIndex.add(library.vector(p).orElseThrow()));
                VectorIndex centred = centred(plainIndex, plainIndex.size());
                pairs = new NearDuplicates(withVector, DuplicateFinder.pairs(centred, centred.size(), LOWEST), LOWEST);
                vectorOf = centred::vector;
            } else {
                pairs = library.nearDuplicates(LOWEST);
                List<Photo> withVector = pairs.photos();
                vectorOf = r -> library.vector(withVector.get(r)).orElseThrow();
            }
            System.out.printf(Locale.ROOT, "%d pairs at cosine >= %.2f among %d photos (%.1f s)%n",
                    pairs.pairs().size(), LOWEST, pairs.photos().size(), (System.nanoTime() - started) / 1e9);
            List<Photo> rows = pairs.photos();
            int[] truth = truth(rows, copyOf);
            int[] part = new int[rows.size()];
            CopyMaker.Kind[] kind = new CopyMaker.Kind[rows.size()];
            int[] originalRow = new int[rows.size()];
            Map<Path, Integer> rowOfPath = new HashMap<>();
            for (int r = 0; r < rows.size(); r++) {
                rowOfPath.put(rows.get(r).path(), r);
            }
            for (int r = 0; r < rows.size(); r++) {
                CopyMaker.Copy copy = copyOf.get(rows.get(r).path());
                part[r] = copy == null ? -1 : partOf.get(copy.original());
                kind[r] = copy == null ? null : copy.kind();
                originalRow[r] = copy == null ? -1 : rowOfPath.get(copy.original());
            }
            similarities(rows, copyOf, rowOfPath, vectorOf);

            // Calibrate on half 0: the threshold of best F1 (the higher one on a tie).
            float best = LOWEST;
            double bestF1 = -1;
            System.out.println("calibration half (the collection + copies of half 0):");
            for (int step = 0; LOWEST + step * 0.005f < 0.995f; step++) {
                float t = LOWEST + step * 0.005f;
                Scores s = score(pairs, truth, part, kind, originalRow, rows, 0, t);
                if (step % 4 == 0 || s.f1() > 0.3) {
                    print("  threshold " + String.format(Locale.ROOT, "%.3f", t), s);
                }
                if (s.f1() >= bestF1) {
                    bestF1 = s.f1();
                    best = t;
                }
            }
            System.out.printf(Locale.ROOT, "calibrated threshold %.3f (F1 %.4f on half 0)%n", best, bestF1);
            Scores held = score(pairs, truth, part, kind, originalRow, rows, 1, best);
            System.out.println("evaluation half (the collection + copies of half 1), at the calibrated threshold:");
            print("  threshold " + String.format(Locale.ROOT, "%.3f", best), held);
            Scores atDefault = score(pairs, truth, part, kind, originalRow, rows, 1, DuplicateFinder.DEFAULT_THRESHOLD);
            print("  default " + String.format(Locale.ROOT, "%.3f", DuplicateFinder.DEFAULT_THRESHOLD), atDefault);
            // The closest pairs of distinct files of the collection itself: the ones a reader should look at.
            System.out.println("closest pairs of distinct files of the collection (counted as false):");
            pairs.pairs().stream().filter(p -> part[p.a()] == -1 && part[p.b()] == -1 && truth[p.a()] != truth[p.b()])
                    .limit(25).forEach(p -> System.out.printf(Locale.ROOT, "  %.4f %s %s | %s %s%n", p.score(),
                            rows.get(p.a()).name(), label(rows.get(p.a())), rows.get(p.b()).name(), label(rows.get(p.b()))));
            System.out.printf(Locale.ROOT, "duplicates threshold %.3f precision %.4f recall %.4f%n", best,
                    held.precision(), held.recall());
        }
    }

    /**
     * The first {@code rows} rows centred on their mean, in an index of their own (normalised): what every photo
     * shares with the collection is taken out, so the cosine of two photos measures what sets them apart.
     */
    private static VectorIndex centred(VectorIndex index, int rows) {
        int d = index.dimension();
        double[] sum = new double[d];
        for (int r = 0; r < rows; r++) {
            float[] v = index.vector(r);
            for (int i = 0; i < d; i++) {
                sum[i] += v[i];
            }
        }
        VectorIndex out = new VectorIndex(d, rows);
        for (int r = 0; r < rows; r++) {
            float[] v = index.vector(r);
            for (int i = 0; i < d; i++) {
                v[i] -= (float) (sum[i] / rows);
            }
            out.add(v);
        }
        return out;
    }

    /** Group of each row in the truth: copies with their original, files with the same bytes together. */
    private static int[] truth(List<Photo> rows, Map<Path, CopyMaker.Copy> copyOf) throws java.io.IOException {
        int[] parent = new int[rows.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstOfHash = new HashMap<>();
        Map<Path, Integer> rowOfPath = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            rowOfPath.put(rows.get(r).path(), r);
        }
        for (int r = 0; r < rows.size(); r++) {
            Path path = rows.get(r).path();
            CopyMaker.Copy copy = copyOf.get(path);
            if (copy != null) {
                union(parent, r, rowOfPath.get(copy.original()));
            }
            Integer same = firstOfHash.putIfAbsent(ContentHash.of(path), r);
            if (same != null) {
                union(parent, r, same);
            }
        }
        int[] group = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            group[r] = find(parent, r);
        }
        return group;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            x = parent[x] = parent[parent[x]];
        }
        return x;
    }

    /** Pairwise precision and recall over the collection plus the copies of one half; other copies left out. */
    private static Scores score(NearDuplicates all, int[] truth, int[] part, CopyMaker.Kind[] kind, int[] originalRow,
                                List<Photo> rows, int half, float threshold) {
        IntPredicate in = r -> part[r] == -1 || part[r] == half;
        List<SimilarPair> pairs = all.pairs().stream().filter(p -> in.test(p.a()) && in.test(p.b())).toList();
        List<int[]> groups = DuplicateFinder.groups(rows.size(), pairs, threshold);
        int[] predicted = new int[rows.size()];
        java.util.Arrays.fill(predicted, -1);
        long predictedPairs = 0;
        long correct = 0;
        int falseSameTypeColour = 0;
        for (int g = 0; g < groups.size(); g++) {
            int[] group = groups.get(g);
            for (int i = 0; i < group.length; i++) {
                predicted[group[i]] = g;
                for (int j = i + 1; j < group.length; j++) {
                    predictedPairs++;
                    if (truth[group[i]] == truth[group[j]]) {
                        correct++;
                    } else if (sameTypeColour(rows.get(group[i]), rows.get(group[j]))) {
                        falseSameTypeColour++;
                    }
                }
            }
        }
        Map<Integer, Integer> truthSizes = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            if (in.test(r)) {
                truthSizes.merge(truth[r], 1, Integer::sum);
            }
        }
        long truePairs = truthSizes.values().stream().mapToLong(n -> (long) n * (n - 1) / 2).sum();
        Map<CopyMaker.Kind, double[]> found = new EnumMap<>(CopyMaker.Kind.class);
        for (int r = 0; r < rows.size(); r++) {
            if (kind[r] != null && part[r] == half) {
                double[] f = found.computeIfAbsent(kind[r], k -> new double[2]);
                f[1]++;
                if (predicted[r] >= 0 && predicted[r] == predicted[originalRow[r]]) {
                    f[0]++;
                }
            }
        }
        return new Scores(predictedPairs == 0 ? 1 : (double) correct / predictedPairs,
                truePairs == 0 ? 1 : (double) correct / truePairs, (int) predictedPairs, (int) truePairs,
                (int) (predictedPairs - correct), falseSameTypeColour, found);
    }

    private static String label(Photo p) {
        return p.info() == null ? "" : p.info().articleType() + "/" + p.info().baseColour();
    }

    private static boolean sameTypeColour(Photo a, Photo b) {
        ProductInfo x = a.info();
        ProductInfo y = b.info();
        return x != null && y != null && x.articleType().equals(y.articleType())
                && x.baseColour().equals(y.baseColour());
    }

    private static void print(String name, Scores s) {
        StringBuilder kinds = new StringBuilder();
        s.copiesFound().forEach((k, f) -> kinds.append(String.format(Locale.ROOT, " %s %.2f", k.suffix(), f[0] / f[1])));
        System.out.printf(Locale.ROOT, "%s precision %.4f recall %.4f F1 %.4f (pairs %d, true %d, false %d of which"
                        + " same type+colour %d) copies found:%s%n", name, s.precision(), s.recall(), s.f1(),
                s.predicted(), s.truePairs(), s.falsePairs(), s.falseSameTypeColour(), kinds);
    }

    /**
     * How close each kind of copy is to its original, against how close distinct photos of the same article type and
     * colour come to each other: the margin any threshold must fall in.
     */
    private static void similarities(List<Photo> rows, Map<Path, CopyMaker.Copy> copyOf, Map<Path, Integer> rowOfPath,
                                     IntFunction<float[]> vectorOf) {
        Map<CopyMaker.Kind, List<Float>> byKind = new EnumMap<>(CopyMaker.Kind.class);
        for (Photo photo : rows) {
            CopyMaker.Copy copy = copyOf.get(photo.path());
            if (copy != null) {
                float[] a = vectorOf.apply(rowOfPath.get(photo.path()));
                float[] b = vectorOf.apply(rowOfPath.get(copy.original()));
                byKind.computeIfAbsent(copy.kind(), k -> new ArrayList<>()).add(dot(a, b));
            }
        }
        byKind.forEach((k, list) -> System.out.printf(Locale.ROOT, "  copy %-9s cosine to original: %s%n",
                k.suffix(), quantiles(list)));
        // Nearest distinct photo of the same article type and colour, for every photo of the collection.
        Set<String> seen = new HashSet<>();
        List<Float> nearest = new ArrayList<>();
        Map<String, List<Photo>> byTypeColour = new HashMap<>();
        for (Photo p : rows) {
            if (!copyOf.containsKey(p.path()) && p.info() != null) {
                byTypeColour.computeIfAbsent(p.info().articleType() + "|" + p.info().baseColour(),
                        x -> new ArrayList<>()).add(p);
            }
        }
        for (List<Photo> same : byTypeColour.values()) {
            List<float[]> vectors = same.stream().map(p -> vectorOf.apply(rowOfPath.get(p.path()))).toList();
            for (int i = 0; i < same.size(); i++) {
                float max = -1;
                for (int j = 0; j < same.size(); j++) {
                    float s = dot(vectors.get(i), vectors.get(j));
                    if (i != j && s < 0.99999f) { // files with the same bytes have the same vector
                        max = Math.max(max, s);
                    }
                }
                if (max > -1 && seen.add(same.get(i).name())) {
                    nearest.add(max);
                }
            }
        }
        System.out.printf(Locale.ROOT, "  nearest distinct same type+colour photo: %s%n", quantiles(nearest));
    }

    private static String quantiles(List<Float> values) {
        List<Float> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return String.format(Locale.ROOT, "n %d min %.3f p1 %.3f p5 %.3f median %.3f p95 %.3f p99 %.3f max %.3f", n,
                sorted.get(0), sorted.get(n / 100), sorted.get(n / 20), sorted.get(n / 2), sorted.get(n * 95 / 100),
                sorted.get(Math.min(n - 1, n * 99 / 100)), sorted.get(n - 1));
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
