package dev.pinwall.ui;

import dev.pinwall.library.IndexListener;
import dev.pinwall.library.Library;
import dev.pinwall.library.Match;
import dev.pinwall.library.Photo;
import dev.pinwall.similarity.SimilarityMode;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import dev.pinwall.task.CurrentThreadTaskExecutor;
import dev.pinwall.testing.MeanColourEmbedder;
import dev.pinwall.testing.TestImages;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Related panel's similarity setting: it reaches the library and the panel is ranked again with it. */
class RelatedSimilarityTest {
    @TempDir
    Path dir;
    private EmbeddingStore store;

    @BeforeEach
    void open() throws Exception {
        store = EmbeddingStore.open(dir.resolve("store.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Library library(String name, int count) throws Exception {
        Path folder = dir.resolve(name);
        Random random = new Random(3);
        Color[] bases = {new Color(200, 30, 30), new Color(30, 30, 200), new Color(30, 180, 40)};
        for (int i = 0; i < count; i++) {
            Color base = bases[i % bases.length];
            TestImages.solid(folder.resolve((i + 1) + ".png"), new Color(jitter(base.getRed(), random),
                    jitter(base.getGreen(), random), jitter(base.getBlue(), random)));
        }
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        return library;
    }

    private static int jitter(int value, Random random) {
        return Math.max(0, Math.min(255, value + random.nextInt(61) - 30));
    }

    private static RelatedViewModel panel() {
        return new RelatedViewModel(new CurrentThreadTaskExecutor(), FXCollections.observableHashMap(), 5);
    }

    private static List<Float> scores(RelatedViewModel related) {
        return related.getMatches().stream().map(Match::score).toList();
    }

    @Test
    void choosingPlainSetsTheLibraryAndRanksByThePlainCosine() throws Exception {
        Library library = library("photos", Library.MIN_FIT_ROWS + 20);
        RelatedViewModel related = panel();
        related.setLibrary(library);
        Photo pin = library.photos().get(0);
        related.show(pin);
        assertThat(library.similarityMode()).isEqualTo(SimilarityMode.COLLECTION);
        assertThat(related.similarityNoteProperty().get()).isEmpty();
        List<Float> collection = scores(related);

        related.similarityProperty().set(SimilarityMode.PLAIN);
        assertThat(library.similarityMode()).isEqualTo(SimilarityMode.PLAIN);
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.READY);
        float[] q = library.vector(pin).orElseThrow();
        for (Match m : related.getMatches()) {
            float[] v = library.vector(m.photo()).orElseThrow();
            assertThat(m.score()).isCloseTo(q[0] * v[0] + q[1] * v[1] + q[2] * v[2], within(1e-5f));
        }
        assertThat(scores(related)).isNotEqualTo(collection);

        related.similarityProperty().set(SimilarityMode.COLLECTION);
        assertThat(library.similarityMode()).isEqualTo(SimilarityMode.COLLECTION);
        assertThat(scores(related)).isEqualTo(collection);
    }

    @Test
    void aNewLibraryGetsTheChosenSimilarityAndSaysWhenItCannotUseItYet() throws Exception {
        RelatedViewModel related = panel();
        related.similarityProperty().set(SimilarityMode.PLAIN);
        Library small = library("small", 12);
        related.setLibrary(small);
        assertThat(small.similarityMode()).isEqualTo(SimilarityMode.PLAIN);
        assertThat(related.similarityNoteProperty().get()).isEmpty();

        related.similarityProperty().set(SimilarityMode.COLLECTION);
        assertThat(small.similarityMode()).isEqualTo(SimilarityMode.COLLECTION);
        assertThat(small.effectiveMode()).isEqualTo(SimilarityMode.PLAIN);
        assertThat(related.similarityNoteProperty().get()).contains("fewer than " + Library.MIN_FIT_ROWS);
    }
}
