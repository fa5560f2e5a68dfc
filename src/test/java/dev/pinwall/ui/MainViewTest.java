package dev.pinwall.ui;

import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.embed.ZooDownloader;
import dev.pinwall.embed.ZooEmbedder;
import dev.pinwall.library.Match;
import dev.pinwall.testing.LoopbackZoo;
import dev.pinwall.library.Photo;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.PooledTaskExecutor;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.pinwall.ui.FxWait.onFx;
import static dev.pinwall.ui.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The window under TestFX (headless Monocle), with small deterministic embedders. */
@ExtendWith(ApplicationExtension.class)
class MainViewTest {
    @TempDir
    Path dir;
    private Stage stage;
    private PinwallViewModel model;
    private MainView view;
    private EmbeddingStore store;
    private PooledTaskExecutor tasks;
    private ThumbnailLoader loader;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.applyUserAgent();
    }

    /** Builds the window for {@code folder} with {@code catalog} and shows it. */
    private void show(EmbedderCatalog catalog, Path folder) {
        store = TestStores.open(dir);
        tasks = new PooledTaskExecutor("test-task", Platform::runLater);
        loader = new ThumbnailLoader(160, 32L << 20, 2, Platform::runLater);
        onFx(() -> {
            model = new PinwallViewModel(tasks, Platform::runLater, catalog, store, folderOpened -> { });
            view = new MainView(model, loader);
            Scene scene = new Scene(view, 1200, 800);
            Theme.style(scene);
            stage.setScene(scene);
            // the stage is shared by the tests: undo a size another test set
            stage.setWidth(1200);
            stage.setHeight(800);
            stage.show();
            model.start(folder, null);
            return null;
        });
    }

    @AfterEach
    void close() {
        if (model != null) {
            onFx(() -> {
                model.close();
                return null;
            });
        }
        if (loader != null) {
            loader.close();
        }
        if (tasks != null) {
            tasks.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private void waitForEmbedding() {
        waitUntil("embedding finished", () -> model.runs().lastReportProperty().get() != null && !model.runs().isIndexing());
    }

    private PinCell cellOf(FxRobot robot, String name) {
        waitUntil("a cell shows " + name, () -> robot.lookup(".pin-cell").queryAllAs(PinCell.class).stream()
                .anyMatch(c -> c.getItem() != null && c.getItem().name().equals(name)));
        return onFx(() -> robot.lookup(".pin-cell").queryAllAs(PinCell.class).stream()
                .filter(c -> c.getItem() != null && c.getItem().name().equals(name)).findFirst().orElseThrow());
    }

    /** Clicks the wall cell showing {@code name}; retries when layout replaced the cell between lookup and click. */
    private void clickPin(FxRobot robot, String name) {
        for (int attempt = 0; ; attempt++) {
            PinCell cell = cellOf(robot, name);
            try {
                if (onFx(() -> cell.getScene() != null && cell.getItem() != null && cell.getItem().name().equals(name))) {
                    robot.clickOn(cell);
                    return;
                }
            } catch (RuntimeException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
            if (attempt >= 50) {
                throw new AssertionError("could not click " + name);
            }
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
    }

    private List<String> relatedNames() {
        return onFx(() -> model.related().getMatches().stream().map(m -> m.photo().name()).toList());
    }

    @Test
    void wallShowsTheSampleFolderInReusedCells(FxRobot robot) throws Exception {
        Path sample = Path.of("assets", "sample").toAbsolutePath();
        long images;
        try (var files = Files.list(sample)) {
            images = files.filter(f -> f.toString().endsWith(".png")).count();
        }
        show(TestCatalog.of(ColourEmbedder::fast), sample);

        waitUntil("the wall is filled", () -> view.wall().grid().getItems().size() == images);
        waitUntil("visible thumbnails arrive", () -> robot.lookup(".pin-cell").queryAllAs(PinCell.class).stream()
                .anyMatch(c -> c.getItem() != null && c.thumbnail().isLoaded()));
        long cells = onFx(() -> robot.lookup(".pin-cell").queryAllAs(PinCell.class).stream()
                .filter(c -> c.getItem() != null).count());
        assertThat(images).isGreaterThan(100);
        assertThat(cells).as("only visible cells exist").isPositive().isLessThan(images);
    }

    @Test
    void clickingAPinFillsRelatedNearestFirstAndBackRestoresIt(FxRobot robot) {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();

        clickPin(robot, "1.png");
        waitUntil("related filled", () -> model.related().getState() == RelatedViewModel.State.READY);
        assertThat(relatedNames().subList(0, 2)).containsExactly("2.png", "3.png");
        waitUntil("related cells drawn", () -> robot.lookup(".related-cell").queryAllAs(RelatedCell.class).stream()
                .anyMatch(c -> c.getItem() != null));
        List<String> scores = onFx(() -> robot.lookup(".score-badge").queryAllAs(Label.class).stream()
                .filter(Node::isVisible).map(Label::getText).filter(t -> !t.isEmpty()).toList());
        assertThat(scores).isNotEmpty().allMatch(s -> s.matches("-?\\d\\.\\d\\d"));
        assertThat(onFx(() -> cellOf(robot, "1.png").getPseudoClassStates().toString())).contains("pinned");

        RelatedCell first = onFx(() -> robot.lookup(".related-cell").queryAllAs(RelatedCell.class).stream()
                .filter(c -> c.getItem() != null && c.getItem().photo().name().equals("2.png"))
                .findFirst().orElseThrow());
        robot.clickOn(first);
        waitUntil("2.png pinned", () -> model.related().getPin().name().equals("2.png"));
        waitUntil("related of 2.png", () -> model.related().getState() == RelatedViewModel.State.READY);
        assertThat(relatedNames().get(0)).isEqualTo("1.png");

        robot.clickOn("#back");
        waitUntil("1.png pinned again", () -> model.related().getPin().name().equals("1.png"));
        waitUntil("related of 1.png", () -> model.related().getState() == RelatedViewModel.State.READY);
        assertThat(relatedNames().get(0)).isEqualTo("2.png");
    }

    @Test
    void arrowKeysMoveTheCursorAndEnterPinsIt(FxRobot robot) {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();
        clickPin(robot, "1.png");

        robot.type(KeyCode.RIGHT, KeyCode.RIGHT);
        assertThat(onFx(() -> model.cursorProperty().get().name())).isEqualTo("3.png");
        assertThat(onFx(() -> model.related().getPin().name())).isEqualTo("1.png");
        robot.type(KeyCode.ENTER);
        waitUntil("3.png pinned", () -> model.related().getPin().name().equals("3.png"));
        robot.type(KeyCode.BACK_SPACE);
        waitUntil("back to 1.png", () -> model.related().getPin().name().equals("1.png"));
    }

    @Test
    void corruptFileBecomesABrokenTileWithItsReason(FxRobot robot) {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        TestPhotos.garbage(folder, "10.jpg");
        show(TestCatalog.of(ColourEmbedder::fast), folder);
        waitForEmbedding();

        PinCell cell = cellOf(robot, "10.jpg");
        waitUntil("broken tile", () -> cell.thumbnail().isBroken());
        String reason = onFx(() -> {
            Tooltip tip = (Tooltip) cell.thumbnail().getProperties().get("javafx.scene.control.Tooltip");
            return tip == null ? null : tip.getText();
        });
        assertThat(reason).isNotBlank();
        assertThat(onFx(() -> cellOf(robot, "1.png").thumbnail().isLoaded())).isTrue();
    }

    @Test
    void progressAdvancesAndCancelStopsTheRun(FxRobot robot) {
        Path folder = dir.resolve("many");
        for (int i = 1; i <= 40; i++) {
            TestPhotos.solid(folder, i + ".png", (i * 37) % 256, (i * 91) % 256, (i * 53) % 256);
        }
        CountDownLatch gate = new CountDownLatch(1);
        ColourEmbedder slow = new ColourEmbedder("slow", 300, gate);
        show(TestCatalog.of(() -> slow), folder);
        waitUntil("indexing started", () -> model.runs().isIndexing());
        assertThat(slow.embedded.get()).isZero();

        gate.countDown();
        waitUntil("progress shows", () -> model.runs().progressProperty().get() > 0);
        assertThat(onFx(() -> robot.lookup("#index-progress-text").queryAs(Label.class).getText())).contains("/ 40");

        robot.clickOn("#cancel-index");
        waitUntil("indexing stopped", () -> !model.runs().isIndexing());
        int afterCancel = slow.embedded.get();
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
        assertThat(slow.embedded.get()).isEqualTo(afterCancel).isLessThan(40);
        assertThat(onFx(model.status()::getStatus)).contains("stopped").doesNotContain("left");
        assertThat(onFx(() -> robot.lookup("#index-progress").query().getParent().isVisible())).isFalse();

        assertThat(onFx(() -> robot.lookup("#resume-index").query().isVisible())).isTrue();
        // Embedding › Resume carries on where it stopped
        robot.clickOn("Embedding");
        robot.clickOn("Resume Embedding");
        waitUntil("run finished", () -> model.runs().lastReportProperty().get() != null && !model.runs().isIndexing());
        assertThat(onFx(() -> model.runs().lastReportProperty().get().indexed())).isEqualTo(40);
        assertThat(slow.embedded.get()).as("nothing embedded twice").isEqualTo(40);
        assertThat(onFx(() -> robot.lookup("#resume-index").query().isVisible())).isFalse();
    }

    @Test
    void theSimilaritySettingSwitchesTheLibrarysMode(FxRobot robot) {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("p")));
        waitForEmbedding();
        clickPin(robot, "1.png");
        waitUntil("related filled", () -> model.related().getState() == RelatedViewModel.State.READY);
        assertThat(onFx(() -> model.library().similarityMode())).isEqualTo(dev.pinwall.similarity.SimilarityMode.COLLECTION);
        // nine photos: too few for the collection-aware similarity, and the panel says so
        waitUntil("note shown", () -> robot.lookup("#similarity-note").queryAs(Label.class).isVisible());
        assertThat(onFx(() -> robot.lookup("#similarity-note").queryAs(Label.class).getText())).contains("fewer than");

        robot.clickOn("#similarity");
        robot.clickOn("Plain (original method)");
        waitUntil("plain in use", () -> model.library().similarityMode() == dev.pinwall.similarity.SimilarityMode.PLAIN);
        assertThat(onFx(() -> model.related().similarityProperty().get()))
                .isEqualTo(dev.pinwall.similarity.SimilarityMode.PLAIN);
        waitUntil("note gone", () -> !robot.lookup("#similarity-note").queryAs(Label.class).isVisible());
    }

    @Test
    void pinNotYetEmbeddedSaysSoThenFillsItself(FxRobot robot) {
        CountDownLatch gate = new CountDownLatch(1);
        show(TestCatalog.of(() -> new ColourEmbedder("gated", 0, gate)), TestPhotos.colourFolder(dir.resolve("p")));

        clickPin(robot, "1.png");
        waitUntil("not-embedded message", () -> model.related().getState() == RelatedViewModel.State.NOT_EMBEDDED);
        assertThat(onFx(() -> robot.lookup("#related-message").queryAs(Label.class).getText()))
                .isEqualTo("Not embedded yet — will fill in when ready");

        gate.countDown();
        waitUntil("related filled", () -> model.related().getState() == RelatedViewModel.State.READY);
        assertThat(relatedNames().subList(0, 2)).containsExactly("2.png", "3.png");
    }

    @Test
    void addedFilesAppearOnTheWallAndRejectedOnesAreListed(FxRobot robot) throws Exception {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();
        Path pink = TestPhotos.solid(dir.resolve("drop"), "pink.png", 250, 10, 30);
        Path text = Files.writeString(dir.resolve("drop").resolve("readme.txt"), "not an image");

        onFx(() -> {
            model.addFiles(List.of(pink, text));
            return null;
        });

        waitUntil("pink on the wall", () -> view.wall().grid().getItems().stream()
                .map(Photo::path).anyMatch(pink::equals));
        waitUntil("related of the dropped photo", () -> model.related().getState() == RelatedViewModel.State.READY
                && model.related().getPin().path().equals(pink));
        assertThat(onFx(() -> model.related().getMatches().stream().map(Match::photo).map(Photo::name).toList())
                .subList(0, 2)).as("reds first").allMatch(name -> List.of("1.png", "2.png", "3.png").contains(name));
        assertThat(onFx(() -> robot.lookup("#notice").queryAs(Label.class).getText())).contains("readme.txt");
        assertThat(onFx(() -> view.wall().grid().getItems().stream().map(Photo::path).noneMatch(text::equals)))
                .isTrue();
    }

    @Test
    void screenshotWaitsForTheRelatedPanelThenWritesThePng(FxRobot robot) throws Exception {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));
        waitUntil("the wall is filled", () -> !model.getPhotos().isEmpty());
        onFx(() -> {
            model.pin(model.getPhotos().get(0));
            return null;
        });
        Path png = dir.resolve("shots").resolve("wall.png");
        java.util.concurrent.CompletableFuture<Integer> exit = new java.util.concurrent.CompletableFuture<>();
        onFx(() -> {
            Screenshot.takeWhenReady(stage.getScene(), model, loader, png, java.time.Duration.ofSeconds(20),
                    exit::complete);
            return null;
        });

        assertThat(exit.get(25, TimeUnit.SECONDS)).isZero();
        assertThat(onFx(() -> model.related().getState())).isEqualTo(RelatedViewModel.State.READY);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(800);
    }

    @Test
    void arrowDownMovesARowAndScrollsThePinIntoView(FxRobot robot) {
        Path folder = dir.resolve("tall");
        for (int i = 1; i <= 80; i++) {
            TestPhotos.solid(folder, i + ".png", (i * 37) % 256, (i * 91) % 256, (i * 53) % 256);
        }
        show(TestCatalog.of(ColourEmbedder::fast), folder);
        waitForEmbedding();
        clickPin(robot, "1.png");
        int columns = onFx(() -> view.wall().columns());

        robot.type(KeyCode.DOWN, 5);

        Photo expected = onFx(() -> model.getPhotos().get(5 * columns));
        assertThat(onFx(() -> model.cursorProperty().get())).isEqualTo(expected);
        PinCell cell = cellOf(robot, expected.name());
        assertThat(onFx(() -> cell.getPseudoClassStates().toString())).contains("cursor");
        assertThat(onFx(() -> {
            var bounds = cell.localToScene(cell.getBoundsInLocal());
            var wall = view.wall().localToScene(view.wall().getBoundsInLocal());
            return wall.contains(bounds.getCenterX(), bounds.getCenterY());
        })).as("the cursor's cell is on screen").isTrue();
    }

    @Test
    void modelSelectorSaysWhyAnUnavailableModelCannotBeUsedAndSwitchesToAnother(FxRobot robot) {
        TestCatalog catalog = new TestCatalog("a", java.util.Map.of(
                "a", () -> new ColourEmbedder("model-a", 0, new CountDownLatch(0)),
                "b", () -> new ColourEmbedder("model-b", 0, new CountDownLatch(0))));
        show(catalog, TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();

        robot.clickOn("#model");
        waitUntil("the list is open", () -> robot.lookup(".combo-box-popup .list-cell").queryAll().size() >= 3);
        List<String> listed = onFx(() -> robot.lookup(".combo-box-popup .list-cell")
                .queryAllAs(javafx.scene.control.ListCell.class).stream()
                .map(javafx.scene.control.ListCell::getText).filter(java.util.Objects::nonNull).toList());
        assertThat(listed).containsExactly("Colour a", "Colour b", "Missing model — unavailable");
        robot.clickOn("Missing model — unavailable");
        waitUntil("the reason is shown", () -> model.status().getNotice() != null);
        assertThat(onFx(() -> robot.lookup("#notice").queryAs(Label.class).getText()))
                .contains("Missing model cannot be used: missing.pt not found");
        assertThat(onFx(() -> robot.lookup("#model").queryAs(javafx.scene.control.ComboBox.class).getValue()))
                .isEqualTo(onFx(() -> model.models().modelProperty().get()));

        robot.clickOn("#model");
        robot.clickOn("Colour b");
        waitUntil("model b in use", () -> model.models().modelProperty().get().id().equals("b")
                && !model.runs().isIndexing()
                && model.runs().lastReportProperty().get() != null && catalog.opened.size() == 2
                && catalog.opened.get(1).embedded.get() == 9);
        waitUntil("old embedder closed", () -> catalog.opened.get(0).closed.get());
    }

    @Test
    void downloadShowsProgressAndCancelOrFailureKeepsTheCurrentModel(FxRobot robot) throws Exception {
        TestCatalog catalog = TestCatalog.of(ColourEmbedder::fast).withDownload();
        CountDownLatch halfway = new CountDownLatch(1);
        catalog.halfway = halfway;
        show(catalog, TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();

        robot.clickOn("#model");
        robot.clickOn("Big model — download (3.0 MB)");
        waitUntil("half downloaded", () -> robot.lookup("#download-box").query().isVisible()
                && "1.5 MB / 3.0 MB".equals(robot.lookup("#download-text").queryAs(Label.class).getText()));
        assertThat(onFx(() -> robot.lookup("#download-progress").queryAs(javafx.scene.control.ProgressBar.class)
                .getProgress())).isEqualTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        snapshot(target("download-progress.png"));

        robot.clickOn("#cancel-download");
        halfway.countDown();
        waitUntil("download over", () -> model.models().downloadingProperty().get() == null);
        assertThat(onFx(() -> robot.lookup("#download-box").query().isVisible())).isFalse();
        assertThat(onFx(() -> model.models().modelProperty().get().id())).isEqualTo("colour");
        assertThat(onFx(() -> robot.lookup("#notice").queryAs(Label.class).getText()))
                .contains("Download of Big model cancelled").contains("still using Colour colour");

        catalog.outcome = TestCatalog.Outcome.FAIL_HALFWAY;
        robot.clickOn("#model");
        robot.clickOn("Big model — download (3.0 MB)");
        waitUntil("failure shown", () -> model.models().downloadingProperty().get() == null
                && model.status().getNotice() != null && model.status().getNotice().contains("failed"));
        assertThat(onFx(() -> robot.lookup("#notice").queryAs(Label.class).getText()))
                .contains("connection closed").contains("still using Colour colour");
        assertThat(onFx(() -> model.models().modelProperty().get().id())).isEqualTo("colour");
        assertThat(catalog.opened).hasSize(1);
    }

    @Test
    void zooModelDownloadsFromALoopbackRepositoryWithProgressThenEmbedsTheWall(FxRobot robot) throws Exception {
        try (LoopbackZoo zoo = new LoopbackZoo()) {
            // The tiny CNN in 256-byte chunks 100 ms apart: a few seconds of progress to look at.
            long wire = zoo.publish("tiny_cnn", "tiny_cnn", "tiny_cnn.pt", LoopbackZoo.tinyModel(), false,
                    LoopbackZoo.Delivery.slow(256, 100));
            var tiny = new ZooEmbedder.ZooModelId("zoo:tiny_cnn", "Tiny CNN", "tiny_cnn", java.util.Map.of(), wire);
            EmbedderCatalog catalog = RegistryCatalog.of(ModelRegistry.discover(List.of(dir.resolve("no-models")),
                    new ZooDownloader(zoo.url(), dir.resolve("djl-cache")), List.of(tiny)));
            show(catalog, TestPhotos.colourFolder(dir.resolve("photos")));
            waitForEmbedding();
            assertThat(zoo.requests()).as("nothing is fetched before the user asks").isZero();

            robot.clickOn("#model");
            robot.clickOn("Tiny CNN — download (" + ZooDownloader.formatBytes(wire) + ")");
            waitUntil("download under way", () -> {
                double p = robot.lookup("#download-progress").queryAs(javafx.scene.control.ProgressBar.class)
                        .getProgress();
                return robot.lookup("#download-box").query().isVisible() && p > 0.2 && p < 0.9;
            });
            snapshot(target("download-progress-loopback.png"));

            waitUntil("the downloaded model embeds the wall", () -> model.models().modelProperty().get() != null
                    && model.models().modelProperty().get().id().equals("zoo:tiny_cnn") && !model.runs().isIndexing()
                    && model.runs().lastReportProperty().get() != null
                    && model.runs().lastReportProperty().get().indexed() == 9);
            assertThat(onFx(() -> robot.lookup("#download-box").query().isVisible())).isFalse();
            assertThat(zoo.requests()).isGreaterThanOrEqualTo(2);
        }
    }

    private static Path target(String name) {
        return Path.of("target", "screenshots", name);
    }

    /** Writes the window to {@code file} (for looking at the state a test reached). */
    private void snapshot(Path file) throws java.io.IOException {
        java.awt.image.BufferedImage image = onFx(() -> javafx.embed.swing.SwingFXUtils.fromFXImage(
                stage.getScene().snapshot(null), null));
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(image, "png", file.toFile());
    }

    private static <T> java.util.function.Predicate<T> distinctBy(java.util.function.Function<T, Object> key) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        return t -> seen.add(key.apply(t));
    }

    private static Path manyPhotos(Path folder, int count) {
        for (int i = 1; i <= count; i++) {
            TestPhotos.solid(folder, i + ".png", (i * 37) % 256, (i * 91) % 256, (i * 53) % 256);
        }
        return folder;
    }

    /** Resizes the window and returns {columns in the first row, blank pixels right of its last cell}. */
    private double[] firstRowAt(FxRobot robot, double width) {
        onFx(() -> {
            stage.setWidth(width);
            return null;
        });
        waitUntil("window resized", () -> Math.abs(view.getWidth() - width) < 1);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> {
            List<javafx.geometry.Bounds> cells = robot.lookup(".pin-cell").queryAllAs(PinCell.class).stream()
                    .filter(c -> c.getItem() != null && c.isVisible())
                    .map(c -> c.localToScene(c.getBoundsInLocal())).toList();
            double top = cells.stream().mapToDouble(javafx.geometry.Bounds::getMinY).min().orElseThrow();
            // the flow may keep a recycled copy of a row at the same place: count places, not nodes
            List<javafx.geometry.Bounds> row = cells.stream().filter(b -> Math.abs(b.getMinY() - top) < 2)
                    .filter(distinctBy(b -> Math.round(b.getMinX()))).toList();
            double right = row.stream().mapToDouble(javafx.geometry.Bounds::getMaxX).max().orElseThrow();
            // the content ends where the vertical scroll bar begins (or at the grid's padding when there is none)
            var grid = view.wall().grid();
            double contentRight = robot.from(grid).lookup(".scroll-bar").queryAllAs(javafx.scene.control.ScrollBar.class)
                    .stream().filter(b -> b.getOrientation() == javafx.geometry.Orientation.VERTICAL && b.isVisible())
                    .mapToDouble(b -> b.localToScene(b.getBoundsInLocal()).getMinX()).min()
                    .orElse(grid.localToScene(grid.getBoundsInLocal()).getMaxX() - grid.snappedRightInset());
            assertThat(view.wall().columns()).as("the keyboard's idea of a row").isEqualTo(row.size());
            return new double[]{row.size(), contentRight - right};
        });
    }

    @Test
    void columnsAdaptToTheWidthWithNoBlankStrip(FxRobot robot) {
        show(TestCatalog.of(ColourEmbedder::fast), manyPhotos(dir.resolve("many"), 60));
        waitForEmbedding();

        double[] narrow = firstRowAt(robot, 1100);
        double[] wide = firstRowAt(robot, 1700);

        assertThat(wide[0]).as("columns").isGreaterThan(narrow[0]);
        for (double[] row : List.of(narrow, wide)) {
            assertThat(row[1]).as("blank right of the last column").isBetween(-1.0, 2 * WallView.GAP + 1);
        }
    }

    @Test
    void zoomChangesTheCellSizeAndIsRemembered(FxRobot robot) {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();
        PinCell first = cellOf(robot, "1.png");
        double before = onFx(first::getWidth);

        robot.moveTo(first).press(KeyCode.CONTROL).scroll(3, javafx.geometry.VerticalDirection.UP)
                .release(KeyCode.CONTROL);
        waitUntil("Ctrl+wheel zooms", () -> view.wall().zoomProperty().get() != WallView.DEFAULT_ZOOM);
        onFx(() -> {
            robot.lookup("#zoom").queryAs(javafx.scene.control.Slider.class).setValue(280);
            return null;
        });
        waitUntil("bigger cells", () -> cellOf(robot, "1.png").getWidth() > before + 60);
        assertThat(onFx(() -> cellOf(robot, "1.png").thumbnail().getWidth())).isGreaterThan(before + 60);

        Path file = dir.resolve("config").resolve(Settings.FILE_NAME);
        Settings settings = new Settings(file);
        onFx(() -> {
            WindowState.remember(settings, stage, view);
            return null;
        });
        settings.save();
        Settings again = new Settings(file);
        assertThat(again.zoom()).hasValue(280.0);
        MainView next = onFx(() -> {
            MainView other = new MainView(model, loader);
            WindowState.restoreView(again, other);
            return other;
        });
        assertThat(onFx(() -> next.wall().zoomProperty().get())).isEqualTo(280.0);
    }

    @Test
    void dividerAndWindowPlacementAreRememberedAndRestored() {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));
        onFx(() -> {
            stage.setX(50);
            stage.setY(60);
            stage.setWidth(1300);
            stage.setHeight(850);
            return null;
        });
        waitUntil("resized", () -> Math.abs(view.getWidth() - 1300) < 1);
        onFx(() -> {
            view.split().setDividerPositions(0.55);
            return null;
        });
        Path file = dir.resolve("config").resolve(Settings.FILE_NAME);
        Settings settings = new Settings(file);
        onFx(() -> {
            WindowState.remember(settings, stage, view);
            return null;
        });
        settings.save();
        onFx(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1000);
            stage.setHeight(700);
            view.split().setDividerPositions(0.7);
            return null;
        });

        onFx(() -> {
            WindowState.restore(new Settings(file), stage, view);
            return null;
        });

        waitUntil("restored", () -> Math.abs(view.getWidth() - 1300) < 1);
        assertThat(onFx(() -> List.of(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight())))
                .containsExactly(50.0, 60.0, 1300.0, 850.0);
        assertThat(onFx(() -> view.dividerPosition())).isCloseTo(0.55, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void noticeSitsAboveTheWallWithoutCoveringItsFirstRow(FxRobot robot) {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();
        onFx(() -> {
            model.reportProblem("Something the user should read\nover two lines");
            return null;
        });
        waitUntil("notice shown", () -> robot.lookup("#notice-box").query().isVisible()
                && robot.lookup("#notice-box").query().getLayoutBounds().getHeight() > 0);
        WaitForAsyncUtils.waitForFxEvents();

        var notice = onFx(() -> robot.lookup("#notice-box").query()
                .localToScene(robot.lookup("#notice-box").query().getBoundsInLocal()));
        for (String name : List.of("1.png", "2.png", "3.png")) {
            var cell = onFx(() -> cellOf(robot, name).localToScene(cellOf(robot, name).getBoundsInLocal()));
            assertThat(cell.getMinY()).as(name + " below the notice").isGreaterThanOrEqualTo(notice.getMaxY());
        }
    }

    @Test
    void missingFolderErrorTakesTheWallsCentre(FxRobot robot) {
        show(new TestCatalog("colour", java.util.Map.of("colour", ColourEmbedder::fast)).fallingBackFrom("mobilenet"),
                dir.resolve("nowhere"));

        waitUntil("error shown", () -> model.folderProblemProperty().get() != null);
        assertThat(onFx(() -> robot.lookup("#wall-message").queryAs(Label.class).getText()))
                .contains("folder not found").contains("nowhere").doesNotContain("No photos here");
        assertThat(onFx(() -> robot.lookup("#notice-box").query().isVisible())).isFalse();
    }

    @Test
    void searchFiltersTheWallAndEscClearsIt(FxRobot robot) {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();

        robot.clickOn("#search").write("3 png");
        waitUntil("filtered", () -> view.wall().grid().getItems().size() == 1);
        assertThat(onFx(() -> view.wall().grid().getItems().get(0).name())).isEqualTo("3.png");
        assertThat(onFx(() -> robot.lookup("#search-count").queryAs(Label.class).getText())).isEqualTo("1 of 9");

        robot.type(KeyCode.ESCAPE);
        waitUntil("cleared", () -> view.wall().grid().getItems().size() == 9);
        assertThat(onFx(() -> view.searchField().getText())).isEmpty();
        assertThat(onFx(() -> robot.lookup("#search-count").queryAs(Label.class).getText())).isEmpty();
    }

    /** A file drop as the toolkit delivers one (JavaFX internals; TestFX cannot drag from outside the app). */
    private static void dropFiles(javafx.scene.Node target, List<Path> files) {
        onFx(() -> {
            javafx.scene.input.Dragboard board = com.sun.javafx.scene.input.DragboardHelper.createDragboard(
                    new FakeDragClipboard());
            board.setContent(java.util.Map.of(javafx.scene.input.DataFormat.FILES,
                    files.stream().map(Path::toFile).toList()));
            var bounds = target.localToScreen(target.getBoundsInLocal());
            for (var type : List.of(javafx.scene.input.DragEvent.DRAG_ENTERED_TARGET,
                    javafx.scene.input.DragEvent.DRAG_OVER, javafx.scene.input.DragEvent.DRAG_DROPPED)) {
                javafx.event.Event.fireEvent(target, new javafx.scene.input.DragEvent(type, board,
                        bounds.getWidth() / 2, bounds.getHeight() / 2, bounds.getCenterX(), bounds.getCenterY(),
                        javafx.scene.input.TransferMode.LINK, null, target, null));
            }
            return null;
        });
    }

    @Test
    void droppingOnTheWallAddsAndOnRelatedOnlyQueries(FxRobot robot) {
        show(TestCatalog.of(ColourEmbedder::fast), TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();
        Path green = TestPhotos.solid(dir.resolve("drop"), "lime.png", 20, 250, 20);
        Path blue = TestPhotos.solid(dir.resolve("drop"), "navy.png", 10, 10, 240);

        dropFiles(view.wall(), List.of(green));
        waitUntil("lime on the wall and pinned", () -> model.getPhotos().stream().anyMatch(p -> p.path().equals(green))
                && model.related().getState() == RelatedViewModel.State.READY
                && model.related().getPin().path().equals(green));
        assertThat(relatedNames().get(0)).isEqualTo("4.png");

        dropFiles(view.related(), List.of(blue));
        waitUntil("related to navy", () -> model.related().getState() == RelatedViewModel.State.READY
                && model.related().outsideImageProperty().get() != null);
        assertThat(relatedNames().get(0)).isEqualTo("7.png");
        assertThat(onFx(() -> model.getPhotos().stream().noneMatch(p -> p.path().equals(blue)))).isTrue();
        assertThat(onFx(() -> robot.lookup("#related-message").queryAs(Label.class).getText())).contains("not added");
    }
}
