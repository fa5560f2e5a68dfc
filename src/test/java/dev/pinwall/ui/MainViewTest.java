package dev.pinwall.ui;

import dev.pinwall.library.Match;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    private void show(TestCatalog catalog, Path folder) {
        store = TestStores.open(dir);
        tasks = new PooledTaskExecutor("test-task", Platform::runLater);
        loader = new ThumbnailLoader(160, 32L << 20, 2, Platform::runLater);
        onFx(() -> {
            model = new PinwallViewModel(tasks, Platform::runLater, catalog, store, folderOpened -> { });
            view = new MainView(model, loader);
            Scene scene = new Scene(view, 1200, 800);
            Theme.style(scene);
            stage.setScene(scene);
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

    private static <T> T onFx(Callable<T> action) {
        try {
            return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(String what, Callable<Boolean> conditionOnFx) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(onFx(conditionOnFx))) {
                return;
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("timed out waiting until " + what);
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
        ColourEmbedder slow = new ColourEmbedder("slow", 150, gate);
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
        assertThat(onFx(model.status()::getStatus)).contains("stopped");
        assertThat(onFx(() -> robot.lookup("#index-progress").query().getParent().isVisible())).isFalse();
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
    void modelSelectorDisablesUnavailableModelsAndSwitchesToAnother(FxRobot robot) {
        TestCatalog catalog = new TestCatalog("a", java.util.Map.of(
                "a", () -> new ColourEmbedder("model-a", 0, new CountDownLatch(0)),
                "b", () -> new ColourEmbedder("model-b", 0, new CountDownLatch(0))));
        show(catalog, TestPhotos.colourFolder(dir.resolve("photos")));
        waitForEmbedding();

        robot.clickOn("#model");
        waitUntil("the list is open", () -> robot.lookup(".combo-box-popup .list-cell").queryAll().size() >= 3);
        javafx.scene.control.ListCell<?> missing = onFx(() -> robot.lookup(".combo-box-popup .list-cell")
                .queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> c.getText() != null && c.getText().startsWith("Missing model")).findFirst().orElseThrow());
        assertThat(onFx(missing::isDisabled)).isTrue();
        assertThat(onFx(() -> missing.getTooltip().getText())).isEqualTo("missing.pt not found");

        robot.clickOn("Colour b");
        waitUntil("model b in use", () -> model.models().modelProperty().get().id().equals("b") && !model.runs().isIndexing()
                && model.runs().lastReportProperty().get() != null && catalog.opened.size() == 2
                && catalog.opened.get(1).embedded.get() == 9);
        waitUntil("old embedder closed", () -> catalog.opened.get(0).closed.get());
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
