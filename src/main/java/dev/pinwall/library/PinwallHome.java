package dev.pinwall.library;

import dev.pinwall.home.UserDirs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Pinwall finds its install (bundled sample, {@code models/}) and keeps its data (store, user models).
 * The launcher sets {@code pinwall.home} to the install folder; otherwise the working directory is used.
 */
public final class PinwallHome {
    private PinwallHome() {
    }

    /** The install folder: holds {@code assets/} and {@code models/}. */
    public static Path install() {
        String home = System.getProperty("pinwall.home");
        return Path.of(home != null ? home : "").toAbsolutePath().normalize();
    }

    /** The user's data folder, where the store lives: see {@link UserDirs#data()}. */
    public static Path data() {
        return UserDirs.current().data();
    }

    /** The desktop's log file (created with its folder when missing). */
    public static Path logFile() {
        Path log = data().resolve("pinwall.log");
        try {
            Files.createDirectories(log.getParent());
        } catch (java.io.IOException e) {
            return Path.of(System.getProperty("java.io.tmpdir"), "pinwall.log");
        }
        return log;
    }

    /** The collection opened when none is named. */
    public static Path sampleFolder() {
        return install().resolve("assets").resolve("sample");
    }

    /** Folders searched for TorchScript models and their descriptors, the install's first. */
    public static List<Path> modelDirs() {
        return modelDirs(UserDirs.current());
    }

    /** {@link #modelDirs()} for the given user folders. */
    static List<Path> modelDirs(UserDirs userDirs) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(install().resolve("models"));
        Path user = userDirs.data().resolve("models");
        if (Files.isDirectory(user)) {
            dirs.add(user);
        }
        return dirs;
    }
}
