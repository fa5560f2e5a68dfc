package dev.pinwall.ui;

import dev.pinwall.library.PinwallHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the desktop remembers between runs (java.util.prefs), and where the bundled sample is. */
final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private static final String LAST_FOLDER = "lastFolder";

    private final Preferences prefs = Preferences.userNodeForPackage(Settings.class);

    /** The folder opened last time, when it still exists. */
    Optional<Path> lastFolder() {
        String value = prefs.get(LAST_FOLDER, null);
        return Optional.ofNullable(value).map(Path::of).filter(Files::isDirectory);
    }

    void rememberFolder(Path folder) {
        try {
            prefs.put(LAST_FOLDER, folder.toAbsolutePath().toString());
            prefs.flush();
        } catch (BackingStoreException | RuntimeException e) {
            LOG.warn("Cannot remember the folder {}", folder, e);
        }
    }

    /** The folder to open: the one asked for, else the last one, else the bundled sample. */
    Path startFolder(LaunchOptions options) {
        if (options.folder() != null) {
            return options.folder().toAbsolutePath();
        }
        return lastFolder().orElseGet(PinwallHome::sampleFolder);
    }
}
