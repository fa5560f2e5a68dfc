package dev.pinwall.library;

import dev.pinwall.labels.LabelColumn;
import dev.pinwall.labels.LabelSuggestions;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import dev.pinwall.testing.MeanColourEmbedder;
import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Labels suggested for photos without any, from a vote of their labelled neighbours. */
class AutoLabelsTest {
    @TempDir
    Path dir;

    private Path folder;
    private EmbeddingStore store;

    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("photos");
        TestImages.solid(folder.resolve("1.png"), new Color(220, 20, 20));
        TestImages.solid(folder.resolve("2.png"), new Color(200, 40, 30));
        TestImages.solid(folder.resolve("3.png"), new Color(190, 30, 40));
        TestImages.solid(folder.resolve("4.png"), new Color(20, 20, 220));
        TestImages.solid(folder.resolve("5.png"), new Color(30, 50, 200));
        TestImages.solid(folder.resolve("9.png"), new Color(210, 30, 25)); // no row: to be suggested
        Files.writeString(folder.resolve("styles.csv"), """
                id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName
                1,Women,Apparel,Topwear,Tops,Red,Summer,2012,Casual,Red top
                2,Women,Apparel,Topwear,Tops,Red,Summer,2012,Casual,Red top
                3,Men,Apparel,Topwear,Shirts,Red,Summer,2012,Casual,Red shirt
                4,Men,Footwear,Shoes,Sneakers,Blue,Fall,2012,Sports,Blue shoe
                5,Men,Footwear,Shoes,Sneakers,Blue,Fall,2012,Sports,Blue shoe
                """);
        store = EmbeddingStore.open(dir.resolve("store.db"));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void anUnlabelledPhotoGetsItsNeighboursLabelsWithAConfidence() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        Photo unlabelled = library.photo(folder.resolve("9.png")).orElseThrow();
        assertThat(unlabelled.info()).isNull();
        assertThat(AutoLabels.available(library)).isTrue();

        LabelSuggestions s = AutoLabels.forPhoto(library, unlabelled).orElseThrow();
        assertThat(s.neighbours()).isEqualTo(5); // every labelled photo, never itself
        assertThat(s.get(LabelColumn.BASE_COLOUR).orElseThrow().value()).isEqualTo("Red");
        assertThat(s.get(LabelColumn.ARTICLE_TYPE).orElseThrow().value()).isEqualTo("Tops");
        assertThat(s.get(LabelColumn.MASTER_CATEGORY).orElseThrow().value()).isEqualTo("Apparel");
        // the red photos are much closer than the blue ones, but they disagree on the type: not certain
        double type = s.get(LabelColumn.ARTICLE_TYPE).orElseThrow().confidence();
        assertThat(type).isBetween(0.3, 0.95);
        assertThat(s.get(LabelColumn.MASTER_CATEGORY).orElseThrow().confidence()).isGreaterThan(type);
    }

    @Test
    void anOutsideImageIsSuggestedForToo() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        Path outside = TestImages.solid(dir.resolve("elsewhere/blue.png"), new Color(25, 40, 210));
        LabelSuggestions s = AutoLabels.forImage(library, outside);
        assertThat(s.get(LabelColumn.ARTICLE_TYPE).orElseThrow().value()).isEqualTo("Sneakers");
        assertThat(s.get(LabelColumn.GENDER).orElseThrow().value()).isEqualTo("Men");
    }

    @Test
    void nothingToLearnFromWithoutLabels() throws Exception {
        Files.delete(folder.resolve("styles.csv"));
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        assertThat(AutoLabels.available(library)).isFalse();
        assertThat(AutoLabels.forPhoto(library, library.photos().get(0)).orElseThrow().isEmpty()).isTrue();
        assertThat(AutoLabels.vote(List.of()).isEmpty()).isTrue();
    }
}
