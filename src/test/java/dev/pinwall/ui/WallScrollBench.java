package dev.pinwall.ui;

import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.PooledTaskExecutor;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the wall copes with a big folder: jumps to 20 places across it while embedding runs and reports, per jump,
 * how long until every visible thumbnail has arrived, plus the longest gap between frames.
 * Run: {@code java -cp ... dev.pinwall.ui.WallScrollBench FOLDER} (Monocle or a display).
 */
public final class WallScrollBench {
    private static Path folder;

    public static void main(String[] args) {
        folder = Path.of(args[0]);
        Application.launch(App.class);
    }

    /** The bench window; a nested class so the launcher does not insist on JavaFX modules. */
    public static final class App extends Application {
    @Override
    public void start(Stage stage) throws Exception {
        Theme.applyUserAgent();
        Path storeDir = Files.createTempDirectory("wallbench");
        EmbeddingStore store = EmbeddingStore.open(storeDir.resolve("store.db"));
        PooledTaskExecutor tasks = new PooledTaskExecutor("bench-task", Platform::runLater);
        ThumbnailLoader loader = new ThumbnailLoader(PinwallApp.THUMBNAIL_SIDE, PinwallApp.THUMBNAIL_CACHE_BYTES, 2,
                Platform::runLater);
        PinwallViewModel model = new PinwallViewModel(tasks, Platform::runLater,
                TestCatalog.of(ColourEmbedder::fast), store, dir -> { });
        MainView view = new MainView(model, loader);
        Scene scene = new Scene(view, 1400, 900);
        Theme.style(scene);
        stage.setScene(scene);
        stage.show();
        long opened = System.nanoTime();
        model.start(folder, null);

        long[] lastFrame = {0};
        long[] worstGap = {0};
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastFrame[0] != 0) {
                    worstGap[0] = Math.max(worstGap[0], now - lastFrame[0]);
                }
                lastFrame[0] = now;
            }
        }.start();

        List<String> lines = new ArrayList<>();
        int[] step = {-1};
        long[] jumped = {0};
        javafx.animation.Timeline poll = new javafx.animation.Timeline();
        poll.getKeyFrames().add(new javafx.animation.KeyFrame(javafx.util.Duration.millis(10), e -> {
            if (model.getPhotos().isEmpty()) {
                return;
            }
            if (step[0] < 0) {
                lines.add(String.format(Locale.ROOT, "wall shown: %,d photos after %d ms", model.getPhotos().size(),
                        (System.nanoTime() - opened) / 1_000_000));
                step[0] = 0;
                jump(view, model, 0);
                jumped[0] = System.nanoTime();
                worstGap[0] = 0;
                return;
            }
            if (!settled(scene) || loader.pending() > 0) {
                return;
            }
            lines.add(String.format(Locale.ROOT, "jump %2d: thumbnails in %4d ms, worst frame gap %3d ms",
                    step[0], (System.nanoTime() - jumped[0]) / 1_000_000, worstGap[0] / 1_000_000));
            if (++step[0] == 20) {
                poll.stop();
                lines.add("indexing still running: " + model.runs().isIndexing() + " (" + model.runs().progressTextProperty().get() + ")");
                lines.forEach(line -> org.slf4j.LoggerFactory.getLogger(WallScrollBench.class).info(line));
                Platform.exit();
                System.exit(0);
            }
            jump(view, model, step[0]);
            jumped[0] = System.nanoTime();
            worstGap[0] = 0;
        }));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        poll.play();
    }

    }

    private static void jump(MainView view, PinwallViewModel model, int step) {
        int rows = model.getPhotos().size() / view.wall().columns();
        if (view.wall().grid().lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo((int) ((long) rows * step / 20));
        }
    }

    private static boolean settled(Scene scene) {
        for (Node node : scene.getRoot().lookupAll(".thumbnail")) {
            if (node instanceof Thumbnail t && t.isVisible() && !t.isSettled()) {
                return false;
            }
        }
        return true;
    }
}
