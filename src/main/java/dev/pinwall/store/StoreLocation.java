package dev.pinwall.store;

import java.nio.file.Path;

/** Where the embedding store lives when the user names none. */
public final class StoreLocation {
    private StoreLocation() {
    }

    /**
     * Where the store lives unless the user says otherwise: {@code $PINWALL_HOME/store.db}, else
     * {@code $XDG_DATA_HOME/pinwall/store.db}, else {@code ~/.local/share/pinwall/store.db}.
     */
    public static Path defaultFile() {
        return defaultFile(System.getenv("PINWALL_HOME"), System.getenv("XDG_DATA_HOME"),
                System.getProperty("user.home"));
    }

    static Path defaultFile(String pinwallHome, String xdgDataHome, String userHome) {
        if (pinwallHome != null && !pinwallHome.isBlank()) {
            return Path.of(pinwallHome, "store.db").toAbsolutePath();
        }
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if (xdgDataHome != null && !xdgDataHome.isBlank() && Path.of(xdgDataHome).isAbsolute()) {
            return Path.of(xdgDataHome, "pinwall", "store.db");
        }
        return Path.of(userHome, ".local", "share", "pinwall", "store.db");
    }
}
