package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import dev.pinwall.similarity.SimilarityMode;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.ScriptedTaskExecutor;
import dev.pinwall.task.ScriptedTaskExecutor.Scripted;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Background work finishing in the "wrong" order: a scripted executor holds every task and the test runs them
 * newest first, so an older folder, model, embedding run or query answers after the newer one. The state on screen
 * must always be the newer one's.
 */
class StalenessTest {
    @TempDir
    Path dir;
    private final ScriptedTaskExecutor tasks = new ScriptedTaskExecutor();
    private EmbeddingStore store;
    private PinwallViewModel model;

    /** The window with {@code folder} open and embedded, everything delivered. */
    private PinwallViewModel opened(TestCatalog catalog, Path folder) {
        begin(catalog, folder);
        tasks.runAll();
        assertThat(model.folderProperty().get()).isEqualTo(folder);
        return model;
    }

    private void begin(TestCatalog catalog, Path folder) {
        store = TestStores.open(dir);
        model = new PinwallViewModel(tasks, tasks.ui(), catalog, store, opened -> { });
        model.start(folder, null);
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
            tasks.runAll(); // closes what the window retired
        }
        if (store != null) {
            store.close();
        }
    }

    private Path folderA() {
        Path a = TestPhotos.colourFolder(dir.resolve("a"));
        TestPhotos.garbage(a, "broken.png");
        return a;
    }

    private Path folderC() {
        Path c = dir.resolve("c");
        TestPhotos.solid(c, "c1.png", 250, 250, 0);
        TestPhotos.solid(c, "c2.png", 0, 250, 250);
        return c;
    }

    private static List<String> names(List<Photo> photos) {
        return photos.stream().map(Photo::name).toList();
    }

    private static TestCatalog threeModels() {
        return new TestCatalog("a", Map.of(
                "a", () -> new ColourEmbedder("model-a", 0, new CountDownLatch(0)),
                "b", () -> new ColourEmbedder("model-b", 0, new CountDownLatch(0)),
                "c", () -> new ColourEmbedder("model-c", 0, new CountDownLatch(0))));
    }

    private ModelChoice choice(String id) {
        return model.models().getModels().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    // ---- folders -------------------------------------------------------------------------------------------------

    @Test
    void anOlderFolderOpeningLastDoesNotReplaceTheNewerOne() {
        opened(TestCatalog.of(ColourEmbedder::fast), folderA());
        Path b = TestPhotos.colourFolder(dir.resolve("b"));
        Path c = folderC();
        model.openFolder(b);
        model.openFolder(c);
        Scripted older = tasks.take("openFolder");
        Scripted newer = tasks.take("openFolder");

        newer.complete();
        tasks.runAll();
        older.complete();
        tasks.runAll();

        assertThat(model.folderProperty().get()).isEqualTo(c);
        assertThat(names(model.getPhotos())).containsExactly("c1.png", "c2.png");
        assertThat(model.library().folder()).isEqualTo(c.toAbsolutePath().normalize());
        assertThat(model.status().getStatus()).doesNotContain(b.toString());
        assertThat(model.openingProperty().get()).isFalse();
        assertThat(model.runs().lastReportProperty().get().indexed()).isEqualTo(2);
    }

    @Test
    void anOlderFolderFailingLastSaysNothingOverTheNewerOne() {
        opened(TestCatalog.of(ColourEmbedder::fast), folderA());
        Path gone = dir.resolve("gone");
        Path c = folderC();
        model.openFolder(gone);
        model.openFolder(c);
        Scripted older = tasks.take("openFolder");
        Scripted newer = tasks.take("openFolder");

        newer.complete();
        tasks.runAll();
        older.complete();
        tasks.runAll();

        assertThat(model.folderProperty().get()).isEqualTo(c);
        assertThat(model.status().getProblem()).isNull();
        assertThat(model.status().getStatus()).doesNotContain("gone");
        assertThat(model.folderProblemProperty().get()).isNull();
        assertThat(model.openingProperty().get()).isFalse();
    }

    @Test
    void whileANewerFolderOpensAnOlderOneFinishingDoesNotEndTheWait() {
        opened(TestCatalog.of(ColourEmbedder::fast), folderA());
        model.openFolder(dir.resolve("gone"));
        model.openFolder(folderC());
        Scripted older = tasks.take("openFolder");

        older.complete();

        assertThat(model.openingProperty().get()).as("the newer folder is still opening").isTrue();
        assertThat(model.status().getProblem()).isNull();
    }

    @Test
    void filesDroppedOnTheOldFolderAddedLateDoNotJoinTheNewOne() {
        opened(TestCatalog.of(ColourEmbedder::fast), folderA());
        Path pink = TestPhotos.solid(dir.resolve("dropped"), "pink.png", 245, 15, 20);
        model.addFiles(List.of(pink));
        Scripted add = tasks.take("addFiles").work();
        Path c = folderC();
        model.openFolder(c);
        tasks.take("openFolder").complete();

        add.deliver();
        tasks.runAll();

        assertThat(names(model.getPhotos())).containsExactly("c1.png", "c2.png");
        assertThat(model.related().getPin()).isNull();
        assertThat(model.status().getNotice()).isNull();
    }

    // ---- models --------------------------------------------------------------------------------------------------

    @Test
    void anOlderModelSwitchFinishingLastDoesNotReplaceTheNewerModel() {
        TestCatalog catalog = threeModels();
        opened(catalog, folderA());
        model.models().pick(choice("b"));
        model.models().pick(choice("c"));
        Scripted older = tasks.take("switchModel");
        Scripted newer = tasks.take("switchModel");

        newer.complete();
        tasks.runAll();
        older.complete();
        tasks.runAll();

        assertThat(model.models().modelProperty().get().id()).isEqualTo("c");
        assertThat(model.library().embedderInfo().id()).isEqualTo("model-c");
        assertThat(catalog.opened).extracting(e -> e.info().id()).containsExactly("model-a", "model-c", "model-b");
        assertThat(catalog.opened.get(0).closed).as("the first model is retired").isTrue();
        assertThat(catalog.opened.get(1).closed).as("the model in use stays open").isFalse();
        assertThat(catalog.opened.get(2).closed).as("the stale model is closed, never used").isTrue();
        assertThat(catalog.opened.get(2).embedded.get()).isZero();
        assertThat(model.openingProperty().get()).isFalse();
    }

    @Test
    void anOlderModelSwitchFailingWhileANewerOneLoadsNeitherEndsTheWaitNorRestartsTheOldRun() {
        TestCatalog catalog = threeModels();
        opened(catalog, folderA());
        model.models().pick(new ModelChoice("ghost", "Ghost model", true, ""));
        model.models().pick(choice("c"));
        Scripted ghost = tasks.take("switchModel");
        Scripted newer = tasks.take("switchModel");

        ghost.complete();

        assertThat(model.status().getNotice()).contains("Cannot load Ghost model");
        assertThat(model.openingProperty().get()).as("model c is still loading").isTrue();
        assertThat(model.runs().isIndexing()).as("no run with the model being replaced").isFalse();
        assertThat(tasks.pendingOrigins()).doesNotContain("EmbeddingRuns.request");

        newer.complete();
        tasks.runAll();
        assertThat(model.models().modelProperty().get().id()).isEqualTo("c");
        assertThat(model.openingProperty().get()).isFalse();
        assertThat(model.runs().lastReportProperty().get().indexed()).isEqualTo(9);
    }

    // ---- embedding runs ------------------------------------------------------------------------------------------

    /** Opens folder A with its embedding run worked but nothing of it delivered yet; returns that run. */
    private Scripted folderAWithItsRunHeld() {
        begin(TestCatalog.of(ColourEmbedder::fast), folderA());
        tasks.take("start").complete();
        tasks.take("openFolder").complete();
        return tasks.take("EmbeddingRuns.request").work();
    }

    @Test
    void aSupersededRunsLateProgressAndFailuresDoNotReachTheNewFolder() {
        Scripted runA = folderAWithItsRunHeld();
        Path c = folderC();
        model.openFolder(c);
        tasks.take("openFolder").complete(); // folder C is on the wall; run A is told to stop

        tasks.flushUi(); // run A's batch of events arrives now
        assertThat(model.getFailures()).as("A's unreadable file is not C's").isEmpty();
        assertThat(model.runs().progressTextProperty().get()).isEqualTo("Preparing…");

        runA.deliver();
        tasks.runAll();
        assertThat(model.getFailures()).isEmpty();
        assertThat(model.runs().lastReportProperty().get().indexed()).isEqualTo(2);
        assertThat(model.status().getStatus()).contains("2 photos embedded");
    }

    @Test
    void aSupersededRunsLateCompletionIsDropped() {
        Scripted runA = folderAWithItsRunHeld();
        model.openFolder(folderC());
        tasks.take("openFolder").complete();

        runA.deliver(); // A's run had finished its work: its report arrives after C opened

        assertThat(model.runs().lastReportProperty().get()).as("A's report is not C's").isNull();
        assertThat(model.status().getStatus()).doesNotContain("photos embedded");
        assertThat(model.getFailures()).doesNotContainKey(dir.resolve("a").resolve("broken.png"));
        assertThat(tasks.pendingOrigins()).as("C's run starts once A's has stopped").contains("EmbeddingRuns.request");
    }

    @Test
    void theCurrentRunsEventsAndReportDoArrive() {
        Scripted runA = folderAWithItsRunHeld();
        tasks.flushUi();
        assertThat(model.runs().progressTextProperty().get()).startsWith("10 / 10");
        runA.deliver();
        assertThat(model.getFailures()).containsKey(dir.resolve("a").resolve("broken.png").toAbsolutePath());
        assertThat(model.runs().lastReportProperty().get().indexed()).isEqualTo(9);
    }

    // ---- Related -------------------------------------------------------------------------------------------------

    private Photo photo(String name) {
        return model.getPhotos().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anOlderRelatedQueryAnsweringLastDoesNotReplaceTheNewerAnswer() {
        opened(TestCatalog.of(ColourEmbedder::fast), folderA());
        model.pin(photo("1.png"));
        model.pin(photo("7.png"));
        Scripted older = tasks.take("RelatedViewModel.query");
        Scripted newer = tasks.take("RelatedViewModel.query");

        newer.complete();
        older.complete();

        RelatedViewModel related = model.related();
        assertThat(related.getPin().name()).isEqualTo("7.png");
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.READY);
        assertThat(related.getMatches().subList(0, 2)).extracting(m -> m.photo().name())
                .containsExactlyInAnyOrder("8.png", "9.png");
    }

    @Test
    void aRelatedQueryOfTheOldFolderAnsweringAfterANewFolderOpenedIsDropped() {
        opened(TestCatalog.of(ColourEmbedder::fast), folderA());
        model.pin(photo("1.png"));
        Scripted query = tasks.take("RelatedViewModel.query");
        model.openFolder(folderC());
        tasks.take("openFolder").complete();

        query.complete();

        assertThat(model.related().getMatches()).isEmpty();
        assertThat(model.related().getPin()).isNull();
        assertThat(model.related().getState()).isEqualTo(RelatedViewModel.State.EMPTY);
    }

    @Test
    void anOlderSimilarityChoiceAppliedLastDoesNotWin() {
        opened(TestCatalog.of(ColourEmbedder::fast), folderA());
        RelatedViewModel related = model.related();
        related.similarityProperty().set(SimilarityMode.PLAIN);
        related.similarityProperty().set(SimilarityMode.COLLECTION);
        Scripted plain = tasks.take("applySimilarity");
        Scripted collection = tasks.take("applySimilarity");

        collection.complete();
        assertThat(related.similarityNoteProperty().get()).startsWith("Plain for now");
        plain.complete();

        assertThat(model.library().similarityMode()).as("the library ranks as chosen last")
                .isEqualTo(SimilarityMode.COLLECTION);
        assertThat(related.similarityNoteProperty().get()).startsWith("Plain for now");
    }

    // ---- the wall's search ---------------------------------------------------------------------------------------

    @Test
    void searchTextsOfAnOlderPhotoListBuiltLastAreNotUsed() {
        ObservableList<Photo> photos = FXCollections.observableArrayList();
        WallSearch search = new WallSearch(photos, tasks);
        tasks.runAll();
        search.setQuery("red");
        photos.setAll(loose("red-a.png"), loose("blue-a.png"));
        photos.setAll(loose("red-b.png"), loose("green-b.png"), loose("red-c.png"));
        Scripted older = tasks.take("rebuildTexts");
        Scripted newer = tasks.take("rebuildTexts");

        newer.complete();
        older.complete();

        assertThat(names(search.getShown())).containsExactly("red-b.png", "red-c.png");
    }

    @Test
    void aQueryTypedWhileTheTextsAreBuiltIsAppliedWhenTheyArrive() {
        ObservableList<Photo> photos = FXCollections.observableArrayList();
        WallSearch search = new WallSearch(photos, tasks);
        tasks.runAll();
        photos.setAll(loose("red-a.png"), loose("blue-a.png"));
        search.setQuery("blue");
        assertThat(search.getShown()).as("nothing to match against yet").containsExactly(loose("red-a.png"),
                loose("blue-a.png"));

        tasks.take("rebuildTexts").complete();

        assertThat(names(search.getShown())).containsExactly("blue-a.png");
    }

    private Photo loose(String name) {
        return new Photo(dir.resolve(name), null);
    }

    // ---- downloads -----------------------------------------------------------------------------------------------

    @Test
    void aCancelledDownloadsLateProgressDoesNotOverwriteTheNextOnes() {
        opened(TestCatalog.of(ColourEmbedder::fast).withDownload(), folderA());
        model.models().pick(choice("big"));
        Scripted first = tasks.take("startDownload").work(); // all ten chunks reported; the figures are posted
        model.models().cancelDownload();
        first.deliver();
        assertThat(model.models().downloadingProperty().get()).isNull();

        model.models().pick(choice("big"));
        tasks.flushUi(); // the first download's figures arrive late

        assertThat(model.models().downloadTextProperty().get()).isEqualTo("Starting…");
        assertThat(model.models().downloadProgressProperty().get()).isEqualTo(-1.0);
        tasks.runAll();
        assertThat(model.models().modelProperty().get().id()).isEqualTo("big");
    }
}
