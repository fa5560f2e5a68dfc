package dev.pinwall.ui;

import dev.pinwall.library.Match;
import dev.pinwall.library.Photo;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** The view-model on the current thread: no UI toolkit, every background task runs synchronously. */
class PinwallViewModelTest {
    @TempDir
    Path dir;
    private EmbeddingStore store;
    private PinwallViewModel model;
    private final List<Path> remembered = new ArrayList<>();
    private final Object uiLock = new Object();
    // the library calls its listener from several workers; the "UI thread" here is a lock
    private final Executor ui = runnable -> {
        synchronized (uiLock) {
            runnable.run();
        }
    };

    private PinwallViewModel start(TestCatalog catalog, Path folder) {
        return start(catalog, folder, false, null);
    }

    private PinwallViewModel start(TestCatalog catalog, Path folder, boolean select, String name) {
        store = TestStores.open(dir);
        model = new PinwallViewModel(new CurrentThreadTaskExecutor(), ui, catalog, store, remembered::add);
        if (select) {
            model.selectWhenOpened(name);
        }
        model.start(folder, null);
        return model;
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private Photo photo(String name) {
        return model.getPhotos().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(List<Match> matches) {
        return matches.stream().map(m -> m.photo().name()).toList();
    }

    /** Reference order: every other photo by cosine of mean colours, computed here without the library. */
    private static List<String> expectedNeighbours(Path folder, String pin) throws IOException {
        return expectedNeighbours(folder, folder.resolve(pin));
    }

    private static List<String> expectedNeighbours(Path folder, Path query) throws IOException {
        String pin = query.getFileName().toString();
        float[] q = ColourEmbedder.meanRgb(ImageIO.read(query.toFile()));
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".png")).toList()) {
                String name = file.getFileName().toString();
                if (!name.equals(pin)) {
                    scored.add(Map.entry(name, cosine(q, ColourEmbedder.meanRgb(ImageIO.read(file.toFile())))));
                }
            }
        }
        scored.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        return scored.stream().map(Map.Entry::getKey).toList();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void opensTheFolderAndEmbedsEveryPhoto() {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        TestCatalog catalog = TestCatalog.of(ColourEmbedder::fast);
        start(catalog, folder);

        assertThat(model.getPhotos()).extracting(Photo::name)
                .containsExactly("1.png", "2.png", "3.png", "4.png", "5.png", "6.png", "7.png", "8.png", "9.png");
        assertThat(model.runs().lastReportProperty().get()).isNotNull();
        assertThat(model.runs().lastReportProperty().get().indexed()).isEqualTo(9);
        assertThat(model.runs().isIndexing()).isFalse();
        assertThat(model.folderProperty().get()).isEqualTo(folder);
        assertThat(remembered).containsExactly(folder);
        assertThat(model.models().modelProperty().get().id()).isEqualTo("colour");
        assertThat(model.models().getModels()).extracting(ModelChoice::id).contains("colour", "missing");
    }

    @Test
    void pinShowsItsNearestPhotosFirstWithScores() throws IOException {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        start(TestCatalog.of(ColourEmbedder::fast), folder);

        model.pin(photo("1.png"));

        RelatedViewModel related = model.related();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.READY);
        assertThat(names(related.getMatches())).containsExactlyElementsOf(expectedNeighbours(folder, "1.png"));
        assertThat(names(related.getMatches()).subList(0, 2)).containsExactly("2.png", "3.png");
        assertThat(related.getMatches()).extracting(Match::score).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(model.cursorProperty().get()).isEqualTo(photo("1.png"));
    }

    @Test
    void backAndForwardWalkThePinHistory() {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        start(TestCatalog.of(ColourEmbedder::fast), folder);
        RelatedViewModel related = model.related();

        model.pin(photo("1.png"));
        model.pin(related.getMatches().get(0).photo());
        assertThat(related.getPin().name()).isEqualTo("2.png");
        assertThat(related.canGoBackProperty().get()).isTrue();

        model.back();
        assertThat(related.getPin().name()).isEqualTo("1.png");
        assertThat(names(related.getMatches()).get(0)).isEqualTo("2.png");
        assertThat(related.canGoForwardProperty().get()).isTrue();

        model.forward();
        assertThat(related.getPin().name()).isEqualTo("2.png");
        assertThat(names(related.getMatches())).doesNotContain("2.png").contains("1.png");
    }

    @Test
    void facetsFilterTheRelatedPhotos() throws IOException {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        Files.writeString(folder.resolve("styles.csv"), """
                id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName
                1,Men,Apparel,Topwear,Tshirts,Red,Summer,2012,Casual,Red tee
                2,Women,Apparel,Topwear,Tshirts,Red,Summer,2012,Casual,Red top
                3,Men,Footwear,Shoes,Casual Shoes,Red,Fall,2011,Casual,Red shoes
                4,Men,Apparel,Topwear,Tshirts,Green,Summer,2012,Casual,Green tee
                5,Men,Footwear,Shoes,Casual Shoes,Green,Fall,2011,Casual,Green shoes
                6,Women,Apparel,Topwear,Tshirts,Green,Summer,2012,Casual,Green top
                7,Men,Apparel,Topwear,Tshirts,Blue,Summer,2012,Casual,Blue tee
                8,Men,Footwear,Shoes,Casual Shoes,Blue,Fall,2011,Casual,Blue shoes
                9,Women,Apparel,Topwear,Tshirts,Blue,Summer,2012,Casual,Blue top
                """);
        start(TestCatalog.of(ColourEmbedder::fast), folder);
        RelatedViewModel related = model.related();

        model.pin(photo("1.png"));
        assertThat(related.facetsAvailableBinding().get()).isTrue();
        related.sameTypeProperty().set(true);
        List<String> byColour = expectedNeighbours(folder, "1.png");
        assertThat(names(related.getMatches())).containsExactlyElementsOf(byColour.stream()
                .filter(List.of("2.png", "4.png", "6.png", "7.png", "9.png")::contains).toList());

        related.sameGenderProperty().set(true);
        assertThat(names(related.getMatches())).containsExactlyElementsOf(byColour.stream()
                .filter(List.of("4.png", "7.png")::contains).toList());
    }

    @Test
    void addedFilesAreEmbeddedAndShownWhileTextFilesAreRejected() throws IOException {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        start(TestCatalog.of(ColourEmbedder::fast), folder);
        Path outside = dir.resolve("dropped");
        Path pink = TestPhotos.solid(outside, "pinkish.png", 245, 15, 20);
        Path text = Files.writeString(outside.resolve("notes.txt"), "hello");

        model.addFiles(List.of(pink, text));

        assertThat(model.getPhotos()).extracting(Photo::path).contains(pink);
        assertThat(model.getPhotos()).extracting(Photo::path).doesNotContain(text);
        assertThat(model.status().getNotice()).contains("notes.txt");
        assertThat(model.related().getPin().path()).isEqualTo(pink);
        assertThat(model.related().getState()).isEqualTo(RelatedViewModel.State.READY);
        assertThat(names(model.related().getMatches()).subList(0, 2))
                .containsExactlyElementsOf(expectedNeighbours(folder, pink).subList(0, 2))
                .allMatch(name -> List.of("1.png", "2.png", "3.png").contains(name));
        assertThat(model.status().getNotice()).contains("not copied");
    }

    @Test
    void droppedImageOnRelatedIsQueriedWithoutBeingAdded() throws IOException {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        start(TestCatalog.of(ColourEmbedder::fast), folder);
        Path blue = TestPhotos.solid(dir.resolve("elsewhere"), "navy.png", 10, 10, 240);

        model.showSimilarTo(blue);

        assertThat(model.getPhotos()).hasSize(9);
        assertThat(names(model.related().getMatches()))
                .containsExactlyElementsOf(expectedNeighbours(folder, blue).subList(0, 9));
        assertThat(model.related().getMessage()).contains("navy.png").contains("not added");
    }

    @Test
    void switchingModelsReembedsAndClosesTheOldEmbedder() {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        TestCatalog catalog = new TestCatalog("a", Map.of(
                "a", () -> new ColourEmbedder("model-a", 0, new java.util.concurrent.CountDownLatch(0)),
                "b", () -> new ColourEmbedder("model-b", 0, new java.util.concurrent.CountDownLatch(0))));
        start(catalog, folder);
        model.pin(photo("1.png"));

        model.models().pick(model.models().getModels().stream().filter(m -> m.id().equals("b")).findFirst().orElseThrow());

        assertThat(model.models().modelProperty().get().id()).isEqualTo("b");
        assertThat(catalog.opened).hasSize(2);
        assertThat(catalog.opened.get(0).closed).isTrue();
        assertThat(catalog.opened.get(1).closed).isFalse();
        assertThat(catalog.opened.get(1).embedded.get()).isEqualTo(9);
        assertThat(names(model.related().getMatches()).get(0)).isEqualTo("2.png");
    }

    @Test
    void unavailableModelIsRefusedWithItsReason() {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        start(TestCatalog.of(ColourEmbedder::fast), folder);

        model.models().pick(choice("missing"));

        assertThat(model.models().modelProperty().get().id()).isEqualTo("colour");
        assertThat(model.status().getNotice()).contains("Missing model cannot be used: missing.pt not found");
    }

    @Test
    void aSalvagedStoreIsSaidAboveTheWall() throws Exception {
        Path db = dir.resolve("vectors.db");
        try (EmbeddingStore damaged = EmbeddingStore.open(db)) {
            java.util.Map<String, float[]> vectors = new java.util.HashMap<>();
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 200; i++) {
                float[] v = new float[256];
                for (int j = 0; j < v.length; j++) {
                    v[j] = random.nextFloat();
                }
                vectors.put(String.format("%064x", i), v);
            }
            damaged.putAll("test@p1", vectors, Map.of());
        }
        byte[] garbage = new byte[4096];
        new java.util.Random(5).nextBytes(garbage);
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(db.toFile(), "rw")) {
            raf.seek(java.nio.file.Files.size(db) / 4096 / 2 * 4096);
            raf.write(garbage);
        }

        start(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));

        assertThat(model.status().getNotice()).startsWith("Your embedding store was damaged")
                .contains("salvaged").contains("vectors.db.damaged-");
        assertThat(model.getPhotos()).hasSize(9);
    }

    @Test
    void missingFolderIsReportedInTheWallsCentreAndTheBannerSaysNothingElse() {
        start(new TestCatalog("colour", Map.of("colour", ColourEmbedder::fast)).fallingBackFrom("mobilenet"),
                dir.resolve("nowhere"));

        assertThat(model.getPhotos()).isEmpty();
        assertThat(model.status().problemProperty().get()).contains("folder not found").contains("nowhere");
        assertThat(model.folderProblemProperty().get()).contains("folder not found").contains("nowhere");
        assertThat(model.status().getNotice()).as("the model fallback note is not shown beside the error").isNull();
    }

    @Test
    void stoppedRunCanBeResumedAndNoTimeLeftIsShownWhileStopped() {
        Path folder = dir.resolve("many");
        for (int i = 1; i <= 40; i++) {
            TestPhotos.solid(folder, i + ".png", (i * 37) % 256, (i * 91) % 256, (i * 53) % 256);
        }
        ColourEmbedder embedder = ColourEmbedder.fast();
        java.util.concurrent.atomic.AtomicBoolean stopOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        // the user presses Stop once the first batch is in (the "UI thread" here is the lock)
        embedder.afterBatch = () -> {
            if (stopOnce.getAndSet(false)) {
                ui.execute(() -> model.cancelIndexing());
            }
        };
        start(TestCatalog.of(() -> embedder), folder);

        assertThat(model.runs().isIndexing()).isFalse();
        assertThat(model.runs().lastReportProperty().get()).as("the run did not finish").isNull();
        assertThat(embedder.embedded.get()).isLessThan(40);
        assertThat(model.runs().canResumeProperty().get()).isTrue();
        assertThat(model.status().getStatus()).contains("stopped").doesNotContain("left");
        assertThat(model.runs().progressTextProperty().get()).doesNotContain("left");

        model.runs().resume();

        assertThat(model.runs().lastReportProperty().get().indexed()).isEqualTo(40);
        assertThat(embedder.embedded.get()).as("each photo embedded once").isEqualTo(40);
        assertThat(model.runs().canResumeProperty().get()).isFalse();
    }

    @Test
    void fallbackModelIsListedOnce() {
        start(new TestCatalog("colour", Map.of("colour", ColourEmbedder::fast)).fallingBackFrom("mobilenet"),
                TestPhotos.colourFolder(dir.resolve("photos")));

        List<String> names = model.models().getModels().stream().map(ModelChoice::displayName).toList();
        assertThat(names).doesNotHaveDuplicates().contains("Mean colour (test-mean-rgb)");
        assertThat(model.models().modelProperty().get().id()).isEqualTo("colour");
        assertThat(model.status().getNotice()).contains("mobilenet");
    }

    @Test
    void downloadableModelIsLabelledWithItsSizeAndUsedOnceDownloaded() {
        TestCatalog catalog = TestCatalog.of(ColourEmbedder::fast).withDownload();
        List<String> progress = new ArrayList<>();
        start(catalog, TestPhotos.colourFolder(dir.resolve("photos")));
        model.models().downloadTextProperty().addListener((obs, was, now) -> progress.add(now));
        ModelChoice big = choice("big");
        assertThat(ModelsViewModel.label(big)).isEqualTo("Big model — download (3.0 MB)");

        model.models().pick(big);

        assertThat(progress).contains("1.5 MB / 3.0 MB").last().isEqualTo("3.0 MB / 3.0 MB");
        assertThat(model.models().modelProperty().get().id()).isEqualTo("big");
        assertThat(model.models().downloadingProperty().get()).isNull();
        assertThat(catalog.opened).hasSize(2);
        assertThat(catalog.opened.get(0).closed).isTrue();
        assertThat(model.runs().lastReportProperty().get().indexed()).isEqualTo(9);
    }

    @Test
    void cancelledDownloadKeepsTheCurrentModel() {
        TestCatalog catalog = TestCatalog.of(ColourEmbedder::fast).withDownload();
        start(catalog, TestPhotos.colourFolder(dir.resolve("photos")));
        java.util.concurrent.atomic.AtomicInteger chunks = new java.util.concurrent.atomic.AtomicInteger();
        catalog.afterChunk = () -> {
            if (chunks.incrementAndGet() == 3) {
                model.models().cancelDownload();
            }
        };

        model.models().pick(choice("big"));

        assertThat(chunks.get()).isEqualTo(3);
        assertThat(model.models().modelProperty().get().id()).isEqualTo("colour");
        assertThat(model.status().getNotice()).contains("cancelled").contains("still using Colour colour");
        assertThat(model.models().downloadingProperty().get()).isNull();
        assertThat(catalog.opened).hasSize(1);
        assertThat(catalog.opened.get(0).closed).isFalse();
    }

    @Test
    void failedDownloadSaysWhyAndKeepsTheCurrentModel() {
        TestCatalog catalog = TestCatalog.of(ColourEmbedder::fast).withDownload();
        catalog.outcome = TestCatalog.Outcome.FAIL_HALFWAY;
        start(catalog, TestPhotos.colourFolder(dir.resolve("photos")));

        model.models().pick(choice("big"));

        assertThat(model.models().modelProperty().get().id()).isEqualTo("colour");
        assertThat(model.status().getNotice()).contains("Download of Big model failed")
                .contains("connection closed").contains("still using Colour colour");
        assertThat(model.models().downloadingProperty().get()).isNull();
        assertThat(catalog.opened).hasSize(1);
    }

    @Test
    void searchFiltersTheWallByProductNameAndLabelsWithEveryWord() throws IOException {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        Files.writeString(folder.resolve("styles.csv"), """
                id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName
                1,Women,Apparel,Dress,Dresses,Red,Summer,2012,Casual,Flared summer frock
                2,Women,Apparel,Topwear,Tshirts,Red,Summer,2012,Casual,Red top
                3,Men,Footwear,Shoes,Casual Shoes,Red,Fall,2011,Casual,Embroidered shoes
                4,Women,Apparel,Dress,Dresses,Green,Summer,2012,Casual,Green maxi dress
                5,Men,Footwear,Shoes,Casual Shoes,Green,Fall,2011,Casual,Green shoes
                """);
        start(TestCatalog.of(ColourEmbedder::fast), folder);
        WallSearch search = model.search();

        search.setQuery("red dress");
        assertThat(shownNames()).containsExactly("1.png");
        search.setQuery("  RED  ");
        assertThat(shownNames()).as("'red' starts words only, so 'Embroidered' does not match")
                .containsExactly("1.png", "2.png", "3.png");
        search.setQuery("green shoe");
        assertThat(shownNames()).containsExactly("5.png");
        search.setQuery("7.png");
        assertThat(shownNames()).as("file names count too").containsExactly("7.png");
        assertThat(search.matchesBinding().get()).isEqualTo(1);
        model.moveCursor(1);
        assertThat(model.cursorProperty().get().name()).as("the cursor moves over what is shown").isEqualTo("7.png");

        search.clear();
        assertThat(search.getShown()).hasSize(9);
    }

    private List<String> shownNames() {
        return model.search().getShown().stream().map(Photo::name).toList();
    }

    private ModelChoice choice(String id) {
        return model.models().getModels().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void selectsTheNamedPhotoOnceTheFolderIsOpen() {
        start(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")), true, "5.png");

        assertThat(model.related().getPin().name()).isEqualTo("5.png");
        assertThat(model.related().getState()).isEqualTo(RelatedViewModel.State.READY);
        assertThat(model.status().getNotice()).isNull();
    }

    @Test
    void unknownPhotoNameFallsBackToTheFirstAndSaysSo() {
        start(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")), true, "nope.png");

        assertThat(model.related().getPin().name()).isEqualTo("1.png");
        assertThat(model.status().getNotice()).contains("nope.png");
    }

    @Test
    void failingDefaultModelStillListsModelsAndAnotherOneOpensTheFolder() {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        TestCatalog catalog = new TestCatalog("broken", Map.of(
                "good", () -> new ColourEmbedder("good", 0, new java.util.concurrent.CountDownLatch(0))));
        start(catalog, folder);

        assertThat(model.getPhotos()).isEmpty();
        assertThat(model.status().problemProperty().get()).contains("broken");
        assertThat(model.models().getModels()).extracting(ModelChoice::id).contains("good");

        model.models().pick(model.models().getModels().stream().filter(m -> m.id().equals("good")).findFirst().orElseThrow());

        assertThat(model.getPhotos()).hasSize(9);
        assertThat(model.runs().lastReportProperty().get().indexed()).isEqualTo(9);
    }

    @Test
    void modelThatFailsToLoadKeepsTheCurrentOne() {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        TestCatalog catalog = TestCatalog.of(ColourEmbedder::fast);
        start(catalog, folder);
        model.pin(photo("1.png"));

        model.models().pick(new ModelChoice("ghost", "Ghost model", true, ""));

        assertThat(model.models().modelProperty().get().id()).isEqualTo("colour");
        assertThat(model.status().getNotice()).contains("Cannot load Ghost model").contains("No model ghost");
        assertThat(catalog.opened).hasSize(1);
        assertThat(catalog.opened.get(0).closed).isFalse();
        assertThat(model.runs().isIndexing()).isFalse();
        assertThat(names(model.related().getMatches()).subList(0, 2)).containsExactly("2.png", "3.png");
    }
}
