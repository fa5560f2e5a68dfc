package dev.pinwall.ui;

import dev.pinwall.library.IndexListener;
import dev.pinwall.library.Library;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import dev.pinwall.task.CurrentThreadTaskExecutor;
import dev.pinwall.task.ScriptedTaskExecutor;
import dev.pinwall.task.ScriptedTaskExecutor.Scripted;
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

/** "Learn from labels" when its work answers late: a run or a saved projection of the old folder never shows. */
class LearnStalenessTest {
    @TempDir
    Path dir;
    private final ScriptedTaskExecutor tasks = new ScriptedTaskExecutor();
    private EmbeddingStore store;
    private Path projections;
    private Library first;
    private Library second;
    private LearnViewModel learning;

    @BeforeEach
    void setUp() throws Exception {
        store = EmbeddingStore.open(dir.resolve("store.db"));
        projections = dir.resolve("projections");
        first = labelled("first", 1);
        second = labelled("second", 2);
        RelatedViewModel related = new RelatedViewModel(tasks, FXCollections.observableHashMap(), 5);
        learning = new LearnViewModel(tasks, tasks.ui(), related, projections);
    }

    @AfterEach
    void tearDown() {
        first.close();
        second.close();
        store.close();
    }

    /** A folder of 30 photos in three labelled colour groups, embedded. */
    private Library labelled(String name, int seed) throws Exception {
        Path folder = dir.resolve(name);
        StringBuilder styles = new StringBuilder(
                "id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName\n");
        Random random = new Random(seed);
        Color[] bases = {new Color(200, 30, 30), new Color(30, 30, 200), new Color(30, 180, 40)};
        String[] types = {"Tshirts", "Jeans", "Shoes"};
        for (int i = 0; i < 30; i++) {
            Color base = bases[i % 3];
            TestImages.solid(folder.resolve((i + 1) + ".png"), new Color(jitter(base.getRed(), random),
                    jitter(base.getGreen(), random), jitter(base.getBlue(), random)));
            styles.append(i + 1).append(",Men,Apparel,Topwear,").append(types[i % 3]).append(",Red,,,,Item ")
                    .append(i + 1).append('\n');
        }
        Files.writeString(folder.resolve("styles.csv"), styles);
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        return library;
    }

    private static int jitter(int value, Random random) {
        return Math.max(0, Math.min(255, value + random.nextInt(61) - 30));
    }

    @Test
    void aRunForTheOldFolderAnsweringLateChangesNothingOfTheNewOne() {
        learning.setLibrary(first);
        tasks.runAll();
        learning.learn();
        Scripted old = tasks.take("learn").work(); // trained: its progress and result wait for the UI thread
        learning.setLibrary(second);
        tasks.take("setLibrary").complete(); // nothing saved for the new folder; the UI queue is not flushed

        old.deliver();
        assertThat(learning.messageProperty().get()).as("not 'Learning cancelled' for the new folder").isEmpty();
        assertThat(learning.learnedProperty().get()).isFalse();
        assertThat(learning.runningProperty().get()).isFalse();

        learning.learn();
        List<Double> progress = new ArrayList<>();
        learning.progressProperty().addListener((obs, was, now) -> progress.add(now.doubleValue()));
        tasks.flushUi(); // the old run's progress arrives now
        assertThat(learning.progressProperty().get()).isZero();
        assertThat(progress).isEmpty();

        tasks.runAll();
        assertThat(learning.learnedProperty().get()).isTrue();
        assertThat(second.projection()).isPresent();
        assertThat(learning.messageProperty().get()).startsWith("Learned from 30 photos");
    }

    @Test
    void aProjectionSavedForTheOldFolderLoadingLateIsNotShownForTheNewOne() {
        LearnViewModel trainer = new LearnViewModel(new CurrentThreadTaskExecutor(), Runnable::run,
                new RelatedViewModel(new CurrentThreadTaskExecutor(), FXCollections.observableHashMap(), 5),
                projections);
        trainer.setLibrary(first);
        trainer.learn();
        assertThat(LearnViewModel.fileFor(projections, first.folder(), first.embedderInfo().storeKey()))
                .isRegularFile();

        learning.setLibrary(first);
        Scripted loadFirst = tasks.take("setLibrary");
        learning.setLibrary(second);
        tasks.take("setLibrary").complete();
        loadFirst.complete();

        assertThat(learning.learnedProperty().get()).isFalse();
        assertThat(learning.useProjectionProperty().get()).isFalse();
        assertThat(learning.messageProperty().get()).isEmpty();

        learning.setLibrary(first);
        tasks.runAll();
        assertThat(learning.learnedProperty().get()).as("the saved projection is used for its own folder").isTrue();
        assertThat(learning.messageProperty().get()).contains("Using what was learned from 30");
    }

    @Test
    void aCancelledRunFinishingAfterTheNextStartedLeavesTheNextOneRunning() {
        learning.setLibrary(first);
        tasks.runAll();
        learning.learn();
        Scripted cancelled = tasks.take("learn");
        learning.cancel();
        assertThat(learning.runningProperty().get()).isFalse();
        learning.learn();
        Scripted next = tasks.take("learn");

        cancelled.complete();
        assertThat(learning.runningProperty().get()).as("the second run is still going").isTrue();
        assertThat(learning.messageProperty().get()).isEqualTo("Learning from labels…");

        next.complete();
        tasks.runAll();
        assertThat(learning.runningProperty().get()).isFalse();
        assertThat(learning.learnedProperty().get()).isTrue();
    }
}
