package dev.pinwall.ui;

import dev.pinwall.store.Stores;
import dev.pinwall.store.VectorStore;
import dev.pinwall.store.StoreException;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Function;

/**
 * Entry point for {@code Main}: {@code Desktop.launch(options)} with the {@link LaunchOptions} the command line
 * parsed ({@code --folder DIR}, {@code --select IMAGE}, {@code --model M}, {@code --screenshot FILE.png}, {@code --store STORE}). Blocks
 * until the window closes.
 */
public final class Desktop {
    private static final Logger LOG = LoggerFactory.getLogger(Desktop.class);
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected one would forget its level. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");
    private static volatile Function<LaunchOptions, EmbedderCatalog> catalogs = Desktop::registryCatalog;

    private Desktop() {
    }

    /** Starts the desktop from raw arguments; bad options end the process with status 2 and picocli's message. */
    public static void launch(String[] args) {
        LaunchOptions options = null;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            System.err.println("pinwall: " + e.getMessage());
            System.exit(2);
        }
        launch(options);
    }

    /** Starts the desktop with options the command line parsed; returns when it exits. */
    public static void launch(LaunchOptions options) {
        // DJL must never phone home, whoever starts us
        defaultProperty("ai.djl.offline", "true");
        if (options.screenshot() != null) {
            // render off-screen unless told otherwise: a screenshot needs no display
            defaultProperty("glass.platform", "Monocle");
            defaultProperty("monocle.platform", "Headless");
            defaultProperty("prism.order", "sw");
        }
        // Monocle's headless screen defaults to 1280x800, smaller than the window a screenshot renders
        defaultProperty("headless.geometry", "1920x1200-32");
        quietClassPathNotice();
        // PinwallApp reads its parameters back through LaunchOptions.parse: the same picocli options
        Application.launch(PinwallApp.class, options.arguments().toArray(String[]::new));
    }

    /** Starts the desktop with another model catalog (e.g. a small deterministic one for demos and checks). */
    public static void launch(String[] args, Function<LaunchOptions, EmbedderCatalog> catalog) {
        catalogs = catalog;
        launch(args);
    }

    /**
     * JavaFX warns on every start that it was loaded from the class path rather than as named modules, which is how
     * Pinwall ships it; the user can do nothing about it. JavaFX's other messages still show.
     */
    static void quietClassPathNotice() {
        JAVAFX_LOG.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static EmbedderCatalog catalog(LaunchOptions options) {
        return catalogs.apply(options);
    }

    /** The one place the desktop opens its store: the one {@code --store} names, else the default. */
    static VectorStore openStore(LaunchOptions options) throws StoreException {
        return Stores.open(options.store());
    }

    /** The one place the desktop reaches the core's model registry. */
    private static EmbedderCatalog registryCatalog(LaunchOptions options) {
        return RegistryCatalog.discover();
}
}
