package dev.pinwall.ui;

import dev.pinwall.library.IndexListener;
import dev.pinwall.library.Library;
import dev.pinwall.library.Match;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** "Learn from labels": trains in the background with progress, applies and saves; Cancel leaves things as they were. */
class LearnViewModelTest {
    @TempDir
    Path dir;
    private EmbeddingStore store;
    private Path folder;
    private Path projections;
    private RelatedViewModel related;

    @BeforeEach
    void setUp() throws Exception {
        store = EmbeddingStore.open(dir.resolve("store.db"));
        folder = dir.resolve("images");
        projections = dir.resolve("projections");
        StringBuilder styles = new StringBuilder(
                "id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName\n");
        Random random = new Random(9);
        Color[] bases = {new Color(200, 30, 30), new Color(30, 30, 200), new Color(30, 180, 40)};
        String[] types = {"Tshirts", "Jeans", "Shoes"};
        for (int i = 0; i < Library.MIN_FIT_ROWS + 20; i++) {
            Color base = bases[i % 3];
            TestImages.solid(folder.resolve((i + 1) + ".png"), new Color(jitter(base.getRed(), random),
                    jitter(base.getGreen(), random), jitter(base.getBlue(), random)));
            styles.append(i + 1).append(",Men,Apparel,Topwear,").append(types[i % 3]).append(",Red,,,,Item ")
                    .append(i + 1).append('\n');
        }
        Files.writeString(dir.resolve("styles.csv"), styles);
        related = new RelatedViewModel(new CurrentThreadTaskExecutor(), FXCollections.observableHashMap(), 5);
    }

    private static int jitter(int value, Random random) {
        return Math.max(0, Math.min(255, value + random.nextInt(81) - 40));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Library library() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        return library;
    }

    private LearnViewModel learning() {
        return new LearnViewModel(new CurrentThreadTaskExecutor(), Runnable::run, related, projections);
    }

    private List<Float> scores() {
        return related.getMatches().stream().map(Match::score).toList();
    }

    @Test
    void learnsWithProgressAppliesSavesAndIsReusedOnReopening() throws Exception {
        Library library = library();
        related.setLibrary(library);
        related.show(library.photos().get(0));
        List<Float> before = scores();
        LearnViewModel learning = learning();
        learning.setLibrary(library);
        assertThat(learning.availableProperty().get()).isTrue();
        assertThat(learning.learnedProperty().get()).isFalse();
        List<Double> progress = new ArrayList<>();
        learning.progressProperty().addListener((obs, was, is) -> progress.add(is.doubleValue()));

        learning.learn();
        assertThat(progress).isNotEmpty().anySatisfy(p -> assertThat(p).isGreaterThan(0));
        assertThat(learning.runningProperty().get()).isFalse();
        assertThat(library.projection()).isPresent();
        assertThat(learning.learnedProperty().get()).isTrue();
        assertThat(learning.useProjectionProperty().get()).isTrue();
        assertThat(learning.messageProperty().get()).contains("Learned from 120 photos with 3 labels");
        assertThat(scores()).as("Related was ranked again through the projection").isNotEqualTo(before);
        Path saved = LearnViewModel.fileFor(projections, library.folder(), library.embedderInfo().storeKey());
        assertThat(saved).isRegularFile();

        learning.useProjectionProperty().set(false);
        assertThat(library.projection()).isEmpty();
        assertThat(scores()).isEqualTo(before);

        // the same folder and model again: the saved projection is used at once
        Library reopened = library();
        LearnViewModel again = learning();
        again.setLibrary(reopened);
        assertThat(reopened.projection()).isPresent();
        assertThat(again.useProjectionProperty().get()).isTrue();
    }

    @Test
    void cancelLeavesTheLibraryUnprojected() throws Exception {
        Library library = library();
        related.setLibrary(library);
        LearnViewModel learning = learning();
        learning.setLibrary(library);
        learning.progressProperty().addListener((obs, was, is) -> learning.cancel());

        learning.learn();
        assertThat(library.projection()).isEmpty();
        assertThat(learning.runningProperty().get()).isFalse();
        assertThat(learning.learnedProperty().get()).isFalse();
        assertThat(learning.messageProperty().get()).isEqualTo("Learning cancelled");
        assertThat(LearnViewModel.fileFor(projections, library.folder(), library.embedderInfo().storeKey()))
                .doesNotExist();
    }

    @Test
    void aCollectionWithoutLabelsOffersNothing() throws Exception {
        Files.delete(dir.resolve("styles.csv"));
        LearnViewModel learning = learning();
        learning.setLibrary(library());
        assertThat(learning.availableProperty().get()).isFalse();
    }
}
