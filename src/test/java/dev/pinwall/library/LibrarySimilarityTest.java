package dev.pinwall.library;

import dev.pinwall.embed.EmbedderInfo;
import dev.pinwall.learn.Projection;
import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.similarity.CollectionSpace;
import dev.pinwall.similarity.FeatureLayout;
import dev.pinwall.similarity.SimilarityMode;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import dev.pinwall.testing.MeanColourEmbedder;
import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The collection-aware similarity inside a library: fitted, saved with the vectors, kept up to date. */
class LibrarySimilarityTest {
    @TempDir
    Path dir;

    private Path folder;
    private EmbeddingStore store;

    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("photos");
        Random random = new Random(11);
        Color[] bases = {new Color(200, 30, 30), new Color(30, 30, 200), new Color(30, 180, 40), new Color(220, 200, 30)};
        for (int i = 0; i < Library.MIN_FIT_ROWS + 20; i++) {
            Color base = bases[i % bases.length];
            TestImages.solid(folder.resolve((i + 1) + ".png"), new Color(jitter(base.getRed(), random),
                    jitter(base.getGreen(), random), jitter(base.getBlue(), random)));
        }
        store = EmbeddingStore.open(dir.resolve("store.db"));
    }

    private static int jitter(int value, Random random) {
        return Math.max(0, Math.min(255, value + random.nextInt(61) - 30));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /** Every photo's top 5, as names with scores. */
    private static List<String> rankings(Library library) {
        List<String> out = new ArrayList<>();
        for (Photo photo : library.photos()) {
            library.related(photo, RelatedQuery.top(5)).orElseThrow()
                    .forEach(m -> out.add(photo.name() + ">" + m.photo().name() + String.format(":%.5f", m.score())));
        }
        return out;
    }

    /**
     * Every photo's top-5 scores, rounded. Names are left out: in three dimensions augmented neighbours tie
     * exactly, and ties go to the lower row, which depends on the order photos were embedded in.
     */
    private static List<String> scores(Library library) {
        List<String> out = new ArrayList<>();
        for (Photo photo : library.photos()) {
            library.related(photo, RelatedQuery.top(5)).orElseThrow()
                    .forEach(m -> out.add(photo.name() + String.format(":%.6f", m.score())));
        }
        return out;
    }

    @Test
    void theFitIsSavedAndARestartScoresExactlyAsTheFirstRun() throws Exception {
        Library first = Library.open(folder, new MeanColourEmbedder(), store);
        first.index(IndexListener.NONE, Cancellation.none());
        assertThat(first.effectiveMode()).isEqualTo(SimilarityMode.COLLECTION);
        List<String> fitted = scores(first);
        String key = first.embedderInfo().storeKey();
        assertThat(store.fittedStates().load(first.folder().toString(), key)).hasValueSatisfying(state ->
                assertThat(state.neighbours()).hasSize(Library.MIN_FIT_ROWS + 20));

        Library second = Library.open(folder, new MeanColourEmbedder(), store);
        second.index(IndexListener.NONE, Cancellation.none());
        assertThat(scores(second)).containsExactlyElementsOf(fitted);
    }

    @Test
    void aSmallCollectionKeepsThePlainCosine() throws Exception {
        Path small = dir.resolve("small");
        for (int i = 0; i < 12; i++) {
            TestImages.solid(small.resolve(i + ".png"), new Color(20 * i, 100, 200 - 10 * i));
        }
        Library library = Library.open(small, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        assertThat(library.similarityMode()).isEqualTo(SimilarityMode.COLLECTION);
        assertThat(library.effectiveMode()).isEqualTo(SimilarityMode.PLAIN);
    }

    @Test
    void plainModeIsTheOriginalCosineAndDiffersFromTheDefault() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        List<String> collection = rankings(library);
        library.setSimilarityMode(SimilarityMode.PLAIN);
        assertThat(library.effectiveMode()).isEqualTo(SimilarityMode.PLAIN);
        Photo photo = library.photos().get(0);
        List<Match> plain = library.related(photo, RelatedQuery.top(5)).orElseThrow();
        float[] q = library.vector(photo).orElseThrow();
        for (Match m : plain) {
            float[] v = library.vector(m.photo()).orElseThrow();
            assertThat(m.score()).isCloseTo(q[0] * v[0] + q[1] * v[1] + q[2] * v[2], org.assertj.core.api.Assertions.within(1e-5f));
        }
        assertThat(rankings(library)).isNotEqualTo(collection);
    }

    @Test
    void photosAddedLaterAreLinkedAndSaved() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        Path extra = dir.resolve("extra.png");
        TestImages.solid(extra, new Color(205, 25, 35));
        Photo added = library.add(List.of(extra)).added().get(0);
        library.index(IndexListener.NONE, Cancellation.none());
        List<Match> matches = library.related(added, RelatedQuery.top(5)).orElseThrow();
        // Red photos are numbers 1, 5, 9, ...
        assertThat(matches).allSatisfy(m -> assertThat(Integer.parseInt(m.photo().name().replace(".png", "")) % 4)
                .isEqualTo(1));
        var saved = store.fittedStates().load(library.folder().toString(), library.embedderInfo().storeKey());
        assertThat(saved.orElseThrow().neighbours()).hasSize(Library.MIN_FIT_ROWS + 21);
    }

    @Test
    void bestModeReranksAndStillFindsTheSameColour() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.setSimilarityMode(SimilarityMode.BEST);
        library.index(IndexListener.NONE, Cancellation.none());
        assertThat(library.effectiveMode()).isEqualTo(SimilarityMode.BEST);
        Photo blue = library.photo(folder.resolve("2.png")).orElseThrow();
        assertThat(library.related(blue, RelatedQuery.top(5)).orElseThrow()).hasSize(5).allSatisfy(m ->
                assertThat(Integer.parseInt(m.photo().name().replace(".png", "")) % 4).isEqualTo(2));
        Path outside = dir.resolve("outside.png");
        TestImages.solid(outside, new Color(40, 40, 190));
        assertThat(library.similarTo(outside, RelatedQuery.top(5))).hasSize(5).allSatisfy(m ->
                assertThat(Integer.parseInt(m.photo().name().replace(".png", "")) % 4).isEqualTo(2));
    }

    /** A random 3→2 projection for the colour embedder, keeping 0.3 of the original similarity. */
    private static Projection projectionFor(EmbedderInfo info, String storeKey) {
        Random random = new Random(5);
        float[] mean = {0.5f, 0.5f, 0.5f};
        float[] weights = new float[2 * 3];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        return new Projection(storeKey, info.displayName(), "colour", "test", 40, 4, true, 0.3f, mean, weights);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void aProjectionIsSearchedThroughTheCollectionSpaceOfProjectedVectors() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        List<String> unprojected = rankings(library);
        Projection projection = projectionFor(library.embedderInfo(), library.embedderInfo().storeKey());
        library.setProjection(projection);
        assertThat(library.projection()).containsSame(projection);
        assertThat(library.effectiveMode()).isEqualTo(SimilarityMode.COLLECTION);

        // Reference: a prepared collection space fitted on the projected vectors, in photo order.
        List<Photo> photos = library.photos();
        VectorIndex projected = new VectorIndex(projection.outputDimension(), photos.size());
        photos.forEach(p -> projected.add(projection.apply(library.vector(p).orElseThrow())));
        CollectionSpace reference = CollectionSpace.ofPrepared(projected,
                FeatureLayout.single(projection.outputDimension()));
        reference.fit();
        for (int r = 0; r < photos.size(); r += 7) {
            List<Float> expected = reference.nearest(r, 5, j -> true, -1f).stream().map(Hit::score).toList();
            List<Match> got = library.related(photos.get(r), RelatedQuery.top(5)).orElseThrow();
            assertThat(got).extracting(Match::score).zipSatisfy(expected,
                    (a, b) -> assertThat(a).isCloseTo(b, within(1e-4f)));
        }
        assertThat(rankings(library)).isNotEqualTo(unprojected);

        // Plain with a projection: the cosine of projected vectors.
        library.setSimilarityMode(SimilarityMode.PLAIN);
        Photo photo = photos.get(3);
        float[] q = projection.apply(library.vector(photo).orElseThrow());
        for (Match m : library.related(photo, RelatedQuery.top(5)).orElseThrow()) {
            assertThat((double) m.score()).isCloseTo(
                    dot(q, projection.apply(library.vector(m.photo()).orElseThrow())), within(1e-5));
        }

        // Without it again: the model's own vectors.
        library.setSimilarityMode(SimilarityMode.COLLECTION);
        library.setProjection(null);
        assertThat(rankings(library)).containsExactlyElementsOf(unprojected);
    }

    @Test
    void theProjectedFitIsSavedAndTheNextOpenRestoresItInsteadOfRefitting() throws Exception {
        Library first = Library.open(folder, new MeanColourEmbedder(), store);
        first.index(IndexListener.NONE, Cancellation.none());
        Projection projection = projectionFor(first.embedderInfo(), first.embedderInfo().storeKey());
        first.setProjection(projection);
        List<String> fitted = scores(first);
        String key = first.embedderInfo().storeKey() + "#projection-" + projection.fingerprint();
        var saved = store.fittedStates().load(folder.toString(), key).orElseThrow();
        assertThat(saved.neighbours()).hasSize(Library.MIN_FIT_ROWS + 20);
        assertThat(saved.mean()).hasSize(projection.outputDimension());

        Library second = Library.open(folder, new MeanColourEmbedder(), store);
        second.index(IndexListener.NONE, Cancellation.none());
        second.setProjection(projection);
        assertThat(scores(second)).containsExactlyElementsOf(fitted);

        // Proof that the saved state is what the next open uses: with every neighbour list emptied, the restored
        // space augments nothing, so its scores move away from the fitted ones (a refit would give them back).
        java.util.Map<String, List<String>> empty = new java.util.HashMap<>();
        saved.neighbours().keySet().forEach(hash -> empty.put(hash, List.of()));
        store.fittedStates().save(folder.toString(), key, saved.mean(), saved.meanRows(), empty);
        Library third = Library.open(folder, new MeanColourEmbedder(), store);
        third.index(IndexListener.NONE, Cancellation.none());
        third.setProjection(projection);
        assertThat(scores(third)).isNotEqualTo(fitted);

        // Another projection has another fingerprint, so it never picks up this one's state.
        Projection other = new Projection(projection.storeKey(), "m", "colour", "test", 40, 4, true, 0.5f,
                new float[] {0.5f, 0.5f, 0.5f}, new float[] {1, 0, 0, 0, 1, 0});
        assertThat(other.fingerprint()).isNotEqualTo(projection.fingerprint());
    }

    @Test
    void photosAddedAfterTheProjectionAreProjectedAndLinked() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        library.setProjection(projectionFor(library.embedderInfo(), library.embedderInfo().storeKey()));
        Path extra = dir.resolve("extra.png");
        TestImages.solid(extra, new Color(205, 25, 35));
        Photo added = library.add(List.of(extra)).added().get(0);
        library.index(IndexListener.NONE, Cancellation.none());
        assertThat(library.related(added, RelatedQuery.top(5)).orElseThrow()).hasSize(5).allSatisfy(m ->
                assertThat(Integer.parseInt(m.photo().name().replace(".png", "")) % 4).isEqualTo(1));
        Path outside = dir.resolve("outside.png");
        TestImages.solid(outside, new Color(40, 40, 190));
        assertThat(library.similarTo(outside, RelatedQuery.top(5))).hasSize(5).allSatisfy(m ->
                assertThat(Integer.parseInt(m.photo().name().replace(".png", "")) % 4).isEqualTo(2));
    }

    @Test
    void anotherModelsProjectionIsRefused() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        assertThatThrownBy(() -> library.setProjection(projectionFor(library.embedderInfo(), "other-model@1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learned for");
        assertThat(library.projection()).isEmpty();
    }
}
