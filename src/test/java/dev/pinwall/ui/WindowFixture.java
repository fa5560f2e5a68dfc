package dev.pinwall.ui;

import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.PooledTaskExecutor;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;

import static dev.pinwall.ui.FxWait.onFx;

/**
 * The whole window on a TestFX stage: a store in a temporary folder, a task pool, a thumbnail loader, the view-model
 * with the colour test embedder, and {@link MainView} at 1200x800, started on {@code folder}. Closing it closes
 * every other window the test opened, then all of the above.
 */
record WindowFixture(Stage stage, PinwallViewModel model, MainView view, EmbeddingStore store,
                     PooledTaskExecutor tasks, ThumbnailLoader loader) implements AutoCloseable {

    static WindowFixture show(Stage stage, Path dir, Path folder) {
        EmbeddingStore store = TestStores.open(dir);
        PooledTaskExecutor tasks = new PooledTaskExecutor("test-task", Platform::runLater);
        ThumbnailLoader loader = new ThumbnailLoader(160, 32L << 20, 2, Platform::runLater);
        return onFx(() -> {
            PinwallViewModel model = new PinwallViewModel(tasks, Platform::runLater,
                    TestCatalog.of(ColourEmbedder::fast), store, opened -> { });
            MainView view = new MainView(model, loader);
            Scene scene = new Scene(view, 1200, 800);
            Theme.style(scene);
            stage.setScene(scene);
            stage.setWidth(1200);
            stage.setHeight(800);
            stage.show();
            model.start(folder, null);
            return new WindowFixture(stage, model, view, store, tasks, loader);
        });
    }

    @Override
    public void close() {
        onFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage && w instanceof Stage s) {
                    s.close();
                }
            }
            model.close();
            return null;
        });
        loader.close();
        tasks.close();
        store.close();
    }
}
