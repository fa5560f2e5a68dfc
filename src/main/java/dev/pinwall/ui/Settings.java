package dev.pinwall.ui;

import dev.pinwall.home.UserDirs;
import dev.pinwall.library.PinwallHome;
import dev.pinwall.similarity.SimilarityMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * What the desktop remembers between runs (last folder, window placement, split divider, thumbnail size), kept in
 * a small properties file under the user's config folder ({@link #defaultFile()}). Reads once; {@link #save()}
 * writes the whole file atomically (temporary file, then move), so a crash never leaves half a file. Needs no UI
 * toolkit. Thread-safe; saving does I/O: not on the UI thread while the window is up.
 */
final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    static final String FILE_NAME = "desktop.properties";
    private static final String LAST_FOLDER = "lastFolder";
    private static final String ZOOM = "wall.cellWidth";
    private static final String DIVIDER = "split.divider";
    private static final String WINDOW = "window.";
    private static final String SIMILARITY = "related.similarity";

    private final Path file;
    private final Properties values = new Properties();

    /** Reads {@code file} when it exists; an unreadable file is logged and treated as empty. */
    Settings(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Cannot read the settings {}; starting with defaults", file, e);
            }
        }
    }

    /**
     * {@code $XDG_CONFIG_HOME/pinwall/desktop.properties}, else {@code $HOME/.config/pinwall/…}, else (no
     * {@code HOME}) under the {@code user.home} system property; see {@link UserDirs#config()}.
     */
    static Path defaultFile() {
        return defaultFile(UserDirs.current());
    }

    static Path defaultFile(UserDirs dirs) {
        return dirs.config().resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The folder opened last time, when it still exists. */
    synchronized Optional<Path> lastFolder() {
        return Optional.ofNullable(values.getProperty(LAST_FOLDER)).map(Path::of).filter(Files::isDirectory);
    }

    /** Remembers {@code folder} and saves at once (called off the UI thread when a folder opens). */
    void rememberFolder(Path folder) {
        synchronized (this) {
            values.setProperty(LAST_FOLDER, folder.toAbsolutePath().toString());
        }
        save();
    }

    /** The folder to open: the one asked for, else the last one, else the bundled sample. */
    Path startFolder(LaunchOptions options) {
        if (options.folder() != null) {
            return options.folder().toAbsolutePath();
        }
        return lastFolder().orElseGet(PinwallHome::sampleFolder);
    }

    /** The wall's preferred cell width, when set. */
    OptionalDouble zoom() {
        return number(ZOOM);
    }

    void setZoom(double cellWidth) {
        put(ZOOM, cellWidth);
    }

    /** The split pane's divider position (0–1), when set. */
    OptionalDouble divider() {
        return number(DIVIDER);
    }

    void setDivider(double position) {
        put(DIVIDER, position);
    }

    /** The Related panel's similarity, when set to a known one. */
    synchronized Optional<SimilarityMode> similarity() {
        String value = values.getProperty(SIMILARITY);
        try {
            return value == null ? Optional.empty() : Optional.of(SimilarityMode.valueOf(value));
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring setting {}={}: not a similarity", SIMILARITY, value);
            return Optional.empty();
        }
    }

    synchronized void setSimilarity(SimilarityMode mode) {
        values.setProperty(SIMILARITY, mode.name());
    }

    /** The window's last placement, when all four values are set. */
    synchronized Optional<WindowPlacement> window() {
        OptionalDouble x = number(WINDOW + "x");
        OptionalDouble y = number(WINDOW + "y");
        OptionalDouble w = number(WINDOW + "width");
        OptionalDouble h = number(WINDOW + "height");
        if (x.isEmpty() || y.isEmpty() || w.isEmpty() || h.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WindowPlacement(x.getAsDouble(), y.getAsDouble(), w.getAsDouble(), h.getAsDouble(),
                Boolean.parseBoolean(values.getProperty(WINDOW + "maximized"))));
    }

    synchronized void setWindow(WindowPlacement placement) {
        put(WINDOW + "x", placement.x());
        put(WINDOW + "y", placement.y());
        put(WINDOW + "width", placement.width());
        put(WINDOW + "height", placement.height());
        values.setProperty(WINDOW + "maximized", Boolean.toString(placement.maximized()));
    }

    /** Writes every value: to a temporary file next to the settings, then moved over them. Failures are logged. */
    void save() {
        String text;
        synchronized (this) {
            StringWriter out = new StringWriter();
            try {
                values.store(out, "Pinwall desktop settings");
            } catch (IOException e) {
                throw new IllegalStateException(e); // a StringWriter does not fail
            }
            text = out.toString();
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot save the settings to {}", file, e);
        }
    }

    private synchronized OptionalDouble number(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring setting {}={}: not a number", key, value);
            return OptionalDouble.empty();
        }
    }

    private synchronized void put(String key, double value) {
        values.setProperty(key, Double.toString(value));
    }

    /** Where the window was and how big, in screen coordinates. */
    record WindowPlacement(double x, double y, double width, double height, boolean maximized) {
    }
}
