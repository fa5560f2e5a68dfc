package dev.pinwall.store;

import dev.pinwall.home.UserDirs;

import java.nio.file.Path;

/** Where the embedding store lives when the user names none. */
public final class StoreLocation {
    private StoreLocation() {
    }

    /** {@code store.db} in the user's data folder ({@link UserDirs#data()}: PINWALL_HOME, XDG_DATA_HOME, HOME). */
    public static Path defaultFile() {
        return defaultFile(UserDirs.current());
    }

    static Path defaultFile(UserDirs dirs) {
        return dirs.data().resolve("store.db");
    }
}
