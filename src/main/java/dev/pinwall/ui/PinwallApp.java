package dev.pinwall.ui;

import dev.pinwall.store.VectorStore;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.PooledTaskExecutor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The desktop application: opens the store and the model catalog off the UI thread ({@link #init()}), shows the
 * window, then opens the folder. Start it through {@link Desktop#launch(String[])}.
 */
public final class PinwallApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(PinwallApp.class);
    static final int THUMBNAIL_SIDE = 220;
    static final long THUMBNAIL_CACHE_BYTES = 160L * 1024 * 1024;

    private LaunchOptions options;
    private Path startFolder;
    private String startupError;
    private Settings settings;
    private VectorStore store;
    private EmbedderCatalog catalog;
    private PooledTaskExecutor tasks;
    private ThumbnailLoader loader;
    private PinwallViewModel model;
    private MainView view;
    private Stage stage;

    @Override
    public void init() {
        // the JavaFX launcher thread, not the UI thread: disk work is fine here
        options = LaunchOptions.parse(getParameters().getRaw());
        settings = new Settings(Settings.defaultFile());
        try {
            catalog = Desktop.catalog(options);
            startFolder = settings.startFolder(options);
            store = Desktop.openStore(options); // last: a store that cannot be opened is shown in the window
        } catch (Exception e) {
            // shown in the window (and on stderr for --screenshot) instead of a stack trace from the launcher
            LOG.error("Cannot start", e);
            startupError = "Cannot start: " + RelatedViewModel.describe(e);
        }
    }

    @Override
    public void start(Stage stage) {
        Theme.applyUserAgent();
        tasks = new PooledTaskExecutor("pinwall-task", Platform::runLater);
        int decoders = Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
        loader = new ThumbnailLoader(THUMBNAIL_SIDE, THUMBNAIL_CACHE_BYTES, decoders, Platform::runLater);
        model = new PinwallViewModel(tasks, Platform::runLater, catalog, store,
                dir -> BackgroundTask.wrap(() -> settings.rememberFolder(dir)).executeWith(tasks));
        settings.similarity().ifPresent(model.related().similarityProperty()::set);
        model.related().similarityProperty().addListener((obs, was, is) -> {
            settings.setSimilarity(is);
            BackgroundTask.wrap(settings::save).executeWith(tasks);
        });
        view = new MainView(model, loader);
        boolean screenshot = options.screenshot() != null;
        // A screenshot has no screen to fit: make it tall enough for four rows of Related.
        Scene scene = screenshot
                ? new Scene(view, Integer.getInteger("pinwall.screenshot.width", 1400),
                        Integer.getInteger("pinwall.screenshot.height", 1080))
                : new Scene(view, 1400, 900);
        Theme.style(scene);
        stage.setTitle("Pinwall");
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() ->
                model.folderProperty().get() == null ? "Pinwall"
                        : model.folderProperty().get().getFileName() + " — Pinwall", model.folderProperty()));
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (screenshot) {
            // a screenshot shows what was asked for, not what this user last left
            String zoom = System.getProperty("pinwall.screenshot.zoom");
            if (zoom != null) {
                view.wall().zoomProperty().set(Double.parseDouble(zoom));
            }
            String search = System.getProperty("pinwall.screenshot.search");
            if (search != null) {
                // once the folder is open (opening one clears the search)
                model.folderProperty().addListener((obs, was, now) -> model.search().setQuery(search));
            }
        } else {
            WindowState.restore(settings, stage, view);
            this.stage = stage;
        }
        stage.show();
        view.wall().grid().requestFocus();

        if (startupError != null) {
            model.reportProblem(startupError);
            if (options.screenshot() != null) {
                System.err.println(startupError);
                Platform.exit();
                System.exit(1);
            }
            return;
        }
        if (options.select() != null || options.screenshot() != null) {
            // a screenshot of saved pins pins the first of them
            model.selectWhenOpened(options.select() != null || options.save().isEmpty() ? options.select()
                    : options.save().get(0));
        }
        if (!options.save().isEmpty()) {
            model.boards().saveWhenEmbedded(options.save());
        }
        if (options.view() == LaunchOptions.StartView.FOR_YOU) {
            model.boards().showForYou();
        } else if (options.view() == LaunchOptions.StartView.MAP) {
            model.boards().showMap();
        }
        model.start(startFolder, options.model());
        if (options.screenshot() != null) {
            Duration timeout = Duration.ofSeconds(Long.getLong("pinwall.screenshot.timeout", 600));
            Screenshot.takeWhenReady(scene, model, loader, options.screenshot(), timeout, status -> {
                Platform.exit();
                System.exit(status);
            });
        }
    }

    @Override
    public void stop() {
        LOG.debug("Closing");
        if (stage != null && view != null && settings != null) {
            // the window is gone: a small file write at exit
            WindowState.remember(settings, stage, view);
            settings.save();
        }
        if (model != null) {
            model.close();
        }
        if (loader != null) {
            loader.close();
        }
        if (tasks != null) {
            tasks.close();
            try {
                // a cancelled run stops after its current batch; let it finish writing before the store closes
                if (!tasks.awaitTermination(Duration.ofSeconds(5))) {
                    LOG.warn("Background work still running at exit");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (store != null) {
            store.close();
        }
    }
}
