package dev.pinwall.library;

import dev.pinwall.learn.Projection;
import dev.pinwall.learn.ProjectionTrainer;
import dev.pinwall.learn.TrainingProgress;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import dev.pinwall.testing.MeanColourEmbedder;
import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the window gathers to learn from a collection's own styles.csv, and that it trains. */
class TrainingSetTest {
    @TempDir
    Path dir;

    @Test
    void gathersEmbeddedPhotosWithALabelInTheChosenColumnAndTrainsOnThem() throws Exception {
        Path folder = dir.resolve("images");
        StringBuilder styles = new StringBuilder(
                "id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName\n");
        Color[] colours = {Color.RED, new Color(220, 20, 20), new Color(240, 40, 30), Color.BLUE,
                new Color(20, 20, 220), new Color(30, 40, 240), Color.GREEN};
        String[] types = {"Tshirts", "Tshirts", "Tshirts", "Jeans", "Jeans", "Jeans", ""};
        for (int i = 0; i < colours.length; i++) {
            TestImages.solid(folder.resolve((i + 1) + ".png"), colours[i]);
            styles.append(i + 1).append(",Men,Apparel,Topwear,").append(types[i]).append(",Red,,,,Item ").append(i + 1)
                    .append('\n');
        }
        Files.writeString(dir.resolve("styles.csv"), styles);
        try (EmbeddingStore store = EmbeddingStore.open(dir.resolve("store.db"));
             Library library = Library.open(folder, new MeanColourEmbedder(), store)) {
            assertThat(TrainingSet.fromProductInfo(library, "articleType").size()).as("nothing embedded yet").isZero();
            library.index(IndexListener.NONE, Cancellation.none());

            TrainingSet set = TrainingSet.fromProductInfo(library, "articleType");
            assertThat(set.labels()).containsExactly("Tshirts", "Tshirts", "Tshirts", "Jeans", "Jeans", "Jeans");
            assertThat(set.vectors()).hasSize(6);
            assertThat(TrainingSet.fromProductInfo(library, "BASECOLOUR").size()).isEqualTo(7);
            assertThatThrownBy(() -> TrainingSet.fromProductInfo(library, "brand"))
                    .hasMessageContaining("no label column 'brand'");

            List<TrainingProgress> progress = new ArrayList<>();
            Projection projection = ProjectionTrainer.train(set.vectors(), set.labels(), library.embedderInfo(),
                    "articleType", ProjectionTrainer.Settings.defaults(), progress::add, new Cancellation());
            projection.requireModel(library.embedderInfo());
            assertThat(projection.trainedOn()).isEqualTo(6);
            assertThat(progress.get(progress.size() - 1).fraction()).isEqualTo(1.0);
        }
    }
}
