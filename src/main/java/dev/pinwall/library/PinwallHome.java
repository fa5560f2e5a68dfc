package dev.pinwall.library;

import dev.pinwall.store.EmbeddingStore;

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

    /** The user's data folder, where the store lives: {@code ~/.local/share/pinwall} unless configured. */
    public static Path data() {
        return EmbeddingStore.defaultLocation().getParent();
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
        List<Path> dirs = new ArrayList<>();
        dirs.add(install().resolve("models"));
        Path user = data().resolve("models");
        if (Files.isDirectory(user)) {
            dirs.add(user);
        }
        return dirs;
    }
}
