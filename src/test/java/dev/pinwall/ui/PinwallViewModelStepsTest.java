package dev.pinwall.ui;

import dev.pinwall.embed.EmbedException;
import dev.pinwall.library.Photo;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.ScriptedTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's view-model one step at a time: what it shows while work is still running (the scripted executor holds
 * every task), and what each step leaves behind.
 */
class PinwallViewModelStepsTest {
    @TempDir
    Path dir;
    private final ScriptedTaskExecutor tasks = new ScriptedTaskExecutor();
    private final List<Path> remembered = new ArrayList<>();
    private EmbeddingStore store;
    private PinwallViewModel model;
    private Path folder;

    private PinwallViewModel create(EmbedderCatalog catalog) {
        store = TestStores.open(dir);
        model = new PinwallViewModel(tasks, tasks.ui(), catalog, store, remembered::add);
        tasks.runAll(); // the wall's (empty) search texts
        return model;
    }

    private PinwallViewModel opened(EmbedderCatalog catalog) {
        folder = TestPhotos.colourFolder(dir.resolve("photos"));
        create(catalog).start(folder, null);
        tasks.runAll();
        return model;
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
            tasks.runAll();
        }
        if (store != null) {
            store.close();
        }
    }

    private Photo photo(String name) {
        return model.getPhotos().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void startingSaysWhatItDoesAtEachStep() {
        folder = TestPhotos.colourFolder(dir.resolve("photos"));
        create(TestCatalog.of(ColourEmbedder::fast)).start(folder, null);
        assertThat(model.status().getStatus()).isEqualTo("Loading model…");
        assertThat(model.openingProperty().get()).isTrue();
        assertThat(model.models().getModels()).isEmpty();

        tasks.take("start").complete();
        assertThat(model.models().getModels()).extracting(ModelChoice::id).containsExactly("colour", "missing");
        assertThat(model.models().modelProperty().get().id()).isEqualTo("colour");
        assertThat(model.status().getStatus()).isEqualTo("Opening " + folder + "…");
        assertThat(model.openingProperty().get()).isTrue();
        assertThat(model.getPhotos()).isEmpty();

        tasks.take("openFolder").complete();
        assertThat(model.openingProperty().get()).isFalse();
        assertThat(model.getPhotos()).hasSize(9);
        assertThat(model.status().getStatus()).isEqualTo(folder + " — 9 photos");
        assertThat(model.folderProperty().get()).isEqualTo(folder);
        assertThat(remembered).containsExactly(folder);
        assertThat(model.runs().isIndexing()).as("the embedding run is asked for").isTrue();
        assertThat(model.runs().progressProperty().get()).isEqualTo(-1.0);
        assertThat(model.runs().progressTextProperty().get()).isEqualTo("Preparing…");
        assertThat(model.learning().availableProperty().get()).as("no labels in this folder").isFalse();

        tasks.runAll();
        assertThat(model.runs().isIndexing()).isFalse();
        assertThat(model.runs().progressTextProperty().get()).isEmpty();
        assertThat(model.status().getStatus()).startsWith("9 photos embedded with Colour colour (9 new, 0 from cache");
    }

    @Test
    void aCatalogThatCannotListItsModelsIsAProblem() {
        folder = TestPhotos.colourFolder(dir.resolve("photos"));
        create(new EmbedderCatalog() {
            @Override
            public List<ModelChoice> choices() {
                throw new IllegalStateException("models folder unreadable");
            }

            @Override
            public Opened openDefault(String explicitOrNull) throws EmbedException {
                throw new EmbedException("never");
            }

            @Override
            public Opened open(String id) throws EmbedException {
                throw new EmbedException("never");
            }
        }).start(folder, null);

        tasks.runAll();

        assertThat(model.openingProperty().get()).isFalse();
        assertThat(model.status().getProblem()).isEqualTo("Cannot list the models: models folder unreadable");
        assertThat(model.status().getStatus()).isEqualTo(model.status().getProblem());
    }

    @Test
    void aDefaultModelThatCannotLoadLeavesTheListAndSaysSo() {
        folder = TestPhotos.colourFolder(dir.resolve("photos"));
        create(new TestCatalog("broken", Map.of("good", ColourEmbedder::fast))).start(folder, null);

        tasks.runAll();

        assertThat(model.openingProperty().get()).isFalse();
        assertThat(model.status().getProblem()).isEqualTo(
                "Cannot load a model: No model broken — pick another one in the toolbar");
        assertThat(model.models().getModels()).extracting(ModelChoice::id).contains("good");
    }

    @Test
    void withoutAModelNoFolderOpens() {
        create(TestCatalog.of(ColourEmbedder::fast));
        model.openFolder(dir);
        assertThat(model.status().getStatus()).isEqualTo("No model is loaded; cannot open " + dir);
        assertThat(tasks.pending()).isEmpty();
        assertThat(model.openingProperty().get()).isFalse();
    }

    @Test
    void aProblemFromOutsideIsShownAndKept() {
        create(TestCatalog.of(ColourEmbedder::fast));
        model.reportProblem("Cannot read the settings");
        assertThat(model.status().getNotice()).isEqualTo("Cannot read the settings");
        assertThat(model.status().getProblem()).isEqualTo("Cannot read the settings");
    }

    @Test
    void aFolderThatCannotOpenWhilePhotosAreShownIsANoticeAndTheWallStays() {
        opened(TestCatalog.of(ColourEmbedder::fast));
        Path gone = dir.resolve("gone");

        model.openFolder(gone);
        assertThat(model.openingProperty().get()).isTrue();
        tasks.runAll();

        assertThat(model.openingProperty().get()).isFalse();
        assertThat(model.getPhotos()).hasSize(9);
        assertThat(model.folderProperty().get()).isEqualTo(folder);
        assertThat(model.status().getNotice()).startsWith("Cannot open " + gone + ": ").contains("folder not found");
        assertThat(model.status().getProblem()).isEqualTo(model.status().getNotice());
        assertThat(model.folderProblemProperty().get()).isNull();
    }

    @Test
    void openingAnotherFolderClearsTheOldOnesState() {
        opened(TestCatalog.of(ColourEmbedder::fast));
        model.pin(photo("1.png"));
        tasks.runAll();
        model.search().setQuery("1");
        Path other = dir.resolve("other");
        TestPhotos.solid(other, "x.png", 10, 10, 10);
        TestPhotos.garbage(other, "bad.png");
        model.openFolder(other);
        tasks.runAll();
        assertThat(model.getFailures()).containsOnlyKeys(other.resolve("bad.png"));
        Path third = dir.resolve("third");
        TestPhotos.solid(third, "y.png", 200, 10, 10);
        model.openFolder(third);
        tasks.take("openFolder").complete();

        assertThat(model.getFailures()).isEmpty();
        assertThat(model.cursorProperty().get()).isNull();
        assertThat(model.related().getPin()).isNull();
        assertThat(model.search().isActive()).isFalse();
        assertThat(model.search().getShown()).extracting(Photo::name).containsExactly("y.png");
        assertThat(model.library().folder()).isEqualTo(third.toAbsolutePath().normalize());
        assertThat(remembered).containsExactly(folder, other, third);
    }

    @Test
    void aNewFolderHaltsTheRunningRun() {
        folder = TestPhotos.colourFolder(dir.resolve("photos"));
        create(TestCatalog.of(ColourEmbedder::fast)).start(folder, null);
        tasks.take("start").complete();
        tasks.take("openFolder").complete();
        ScriptedTaskExecutor.Scripted run = tasks.take("EmbeddingRuns.request");
        TestPhotos.solid(dir.resolve("next"), "n.png", 1, 2, 3);

        model.openFolder(dir.resolve("next"));
        tasks.take("openFolder").complete();

        assertThat(run.isCancelled()).isTrue();
        run.complete();
        assertThat(tasks.pendingOrigins()).contains("EmbeddingRuns.request");
        tasks.runAll();
        assertThat(model.runs().lastReportProperty().get().indexed()).isEqualTo(1);
    }

    @Test
    void switchingModelsSaysSoUntilTheNewModelIsReadyThenRequeries() {
        TestCatalog catalog = new TestCatalog("a", Map.of(
                "a", () -> new ColourEmbedder("model-a", 0, new CountDownLatch(0)),
                "b", () -> new ColourEmbedder("model-b", 0, new CountDownLatch(0))));
        opened(catalog);
        model.pin(photo("1.png"));
        tasks.runAll();

        model.models().pick(model.models().getModels().get(1));
        assertThat(model.status().getStatus()).isEqualTo("Loading Colour b…");
        assertThat(model.openingProperty().get()).isTrue();
        tasks.take("switchModel").complete();

        assertThat(model.openingProperty().get()).isFalse();
        assertThat(model.library().embedderInfo().id()).isEqualTo("model-b");
        assertThat(model.runs().isIndexing()).as("the new model's run is asked for").isTrue();
        assertThat(tasks.pendingOrigins()).contains("RelatedViewModel.applySimilarity", "EmbeddingRuns.request");
        tasks.runAll();
        assertThat(catalog.opened.get(0).closed).isTrue();
        assertThat(model.related().getState()).isEqualTo(RelatedViewModel.State.READY);
        assertThat(model.related().getMatches().get(0).photo().name()).isEqualTo("2.png");
    }

    @Test
    void aModelThatFailsToLoadSaysWhyAndTheOldRunCarriesOn() {
        opened(TestCatalog.of(ColourEmbedder::fast));

        model.models().pick(new ModelChoice("ghost", "Ghost model", true, ""));
        tasks.take("switchModel").complete();

        assertThat(model.openingProperty().get()).isFalse();
        assertThat(model.status().getNotice()).isEqualTo("Cannot load Ghost model: No model ghost");
        assertThat(model.runs().isIndexing()).as("the previous model carries on").isTrue();
    }

    @Test
    void droppedFilesSayWhatIsBeingAddedAndAreIgnoredWithoutAFolder() throws Exception {
        create(TestCatalog.of(ColourEmbedder::fast));
        Path pink = TestPhotos.solid(dir.resolve("dropped"), "pink.png", 245, 15, 20);
        model.addFiles(List.of(pink));
        assertThat(tasks.pending()).as("no folder open: nothing to add to").isEmpty();

        model.close();
        model = null;
        store.close();
        store = null;
        opened(TestCatalog.of(ColourEmbedder::fast));
        model.addFiles(List.of());
        assertThat(tasks.pending()).isEmpty();
        model.addFiles(List.of(pink));
        assertThat(model.status().getStatus()).isEqualTo("Adding pink.png…");
        Path text = Files.writeString(dir.resolve("dropped").resolve("notes.txt"), "hello");
        model.addFiles(List.of(pink, text));
        assertThat(model.status().getStatus()).isEqualTo("Adding 2 items…");

        tasks.take("addFiles").complete();
        assertThat(model.status().getStatus()).isEqualTo("Added 1 photo — files are referenced in place, not copied");
        assertThat(model.related().getPin().name()).isEqualTo("pink.png");
        assertThat(model.runs().isIndexing()).isTrue();
    }

    @Test
    void manyRejectedFilesAreListedEightAtATime() throws Exception {
        opened(TestCatalog.of(ColourEmbedder::fast));
        List<Path> texts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            texts.add(Files.writeString(dir.resolve("note" + i + ".txt"), "x"));
        }
        model.addFiles(texts);
        tasks.runAll();

        String notice = model.status().getNotice();
        assertThat(notice).startsWith("Added 0 photos").contains("Not added:\n• note").contains("… and 2 more");
        assertThat(notice.lines().filter(l -> l.startsWith("• "))).hasSize(8);
        assertThat(model.related().getPin()).as("nothing added, nothing pinned").isNull();
        assertThat(model.runs().isIndexing()).isFalse();
    }

    @Test
    void countsAreWrittenForPeople() {
        assertThat(PinwallViewModel.photos(1)).isEqualTo("1 photo");
        assertThat(PinwallViewModel.photos(0)).isEqualTo("0 photos");
        assertThat(PinwallViewModel.photos(12345)).isEqualTo("12,345 photos");
    }

    @Test
    void theCursorMovesOverTheWallAndStopsAtItsEnds() {
        create(TestCatalog.of(ColourEmbedder::fast));
        model.moveCursor(1);
        assertThat(model.cursorProperty().get()).as("an empty wall has no cursor").isNull();
        model.close();
        model = null;
        store.close();
        store = null;
        opened(TestCatalog.of(ColourEmbedder::fast));

        model.moveCursor(3);
        assertThat(model.cursorProperty().get().name()).as("the first move starts at the first photo").isEqualTo("1.png");
        model.moveCursor(3);
        assertThat(model.cursorProperty().get().name()).isEqualTo("4.png");
        model.moveCursor(-1);
        assertThat(model.cursorProperty().get().name()).isEqualTo("3.png");
        model.moveCursor(100);
        assertThat(model.cursorProperty().get().name()).isEqualTo("9.png");
        model.moveCursor(-100);
        assertThat(model.cursorProperty().get().name()).isEqualTo("1.png");
        assertThat(model.related().getPin()).as("moving does not pin").isNull();

        model.moveCursor(4);
        model.openCursor();
        assertThat(model.related().getPin().name()).isEqualTo("5.png");
    }

    @Test
    void openCursorWithoutACursorDoesNothing() {
        opened(TestCatalog.of(ColourEmbedder::fast));
        model.openCursor();
        assertThat(model.related().getPin()).isNull();
        assertThat(tasks.pending()).isEmpty();
    }

    @Test
    void backAndForwardMoveTheCursorWithThePin() {
        opened(TestCatalog.of(ColourEmbedder::fast));
        model.back();
        assertThat(model.cursorProperty().get()).as("no history: nothing to follow").isNull();
        model.pin(photo("1.png"));
        model.pin(photo("5.png"));
        tasks.runAll();

        model.back();
        assertThat(model.cursorProperty().get().name()).isEqualTo("1.png");
        model.forward();
        assertThat(model.cursorProperty().get().name()).isEqualTo("5.png");
    }

    @Test
    void closingRetiresTheLibraryAndModelAndDropsLateResults() {
        TestCatalog catalog = TestCatalog.of(ColourEmbedder::fast);
        opened(catalog);
        model.pin(photo("1.png"));
        tasks.runAll();
        model.learning().setLibrary(model.library());
        model.openFolder(dir.resolve("photos"));
        ScriptedTaskExecutor.Scripted late = tasks.take("openFolder");

        model.close();
        tasks.runAll();
        late.complete();
        tasks.runAll();

        assertThat(model.library()).isNull();
        assertThat(catalog.opened.get(0).closed).isTrue();
        assertThat(model.related().getPin()).isNull();
        assertThat(model.related().getMatches()).isEmpty();
        assertThat(model.learning().availableProperty().get()).isFalse();
        model = null;
    }

    @Test
    void theRunsSummaryCountsNewCachedDuplicatesAndUnreadablePhotos() throws Exception {
        Path mixed = dir.resolve("mixed");
        TestPhotos.solid(mixed, "a.png", 250, 5, 5);
        TestPhotos.solid(mixed, "b.png", 5, 250, 5);
        Files.copy(mixed.resolve("a.png"), mixed.resolve("a-copy.png"));
        TestPhotos.garbage(mixed, "bad.png");
        create(TestCatalog.of(ColourEmbedder::fast)).start(mixed, null);
        tasks.runAll();
        assertThat(model.status().getStatus()).matches(
                "3 photos embedded with Colour colour \\(2 new, 0 from cache, 1 duplicates\\); 1 could not be read"
                        + " — [0-9.]+ images/s");

        model.openFolder(mixed);
        tasks.runAll();
        assertThat(model.status().getStatus()).as("nothing new: no rate")
                .isEqualTo("3 photos embedded with Colour colour (0 new, 2 from cache, 1 duplicates); 1 could not be read");

        Files.delete(mixed.resolve("a-copy.png"));
        Files.delete(mixed.resolve("bad.png"));
        model.openFolder(mixed);
        tasks.runAll();
        assertThat(model.status().getStatus()).isEqualTo("2 photos embedded with Colour colour (0 new, 2 from cache)");
    }
}
