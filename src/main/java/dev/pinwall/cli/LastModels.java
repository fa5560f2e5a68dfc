package dev.pinwall.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The model last named with {@code --model} for each folder, kept beside the store (its local state), so that a
 * later command on that folder without {@code --model} uses the same model instead of silently embedding the
 * folder again with the default one.
 */
final class LastModels {
    static final String FILE_NAME = "last-models.properties";

    private final Path file;

    LastModels(Path localFolder) {
        this.file = localFolder.resolve(FILE_NAME);
    }

    /** The model last named for {@code folder}, if any (an unreadable file counts as none). */
    Optional<String> lastFor(Path folder) {
        try {
            return Optional.ofNullable(read().getProperty(key(folder)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Remembers {@code model} for {@code folder}; a model file is remembered by its absolute path, so it is found
     * again from another working directory. Returns a problem to tell the user when it could not be saved.
     */
    Optional<String> remember(Path folder, String model) {
        try {
            Properties all = read();
            all.setProperty(key(folder), spec(model));
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                all.store(out, "Pinwall: the model last named with --model for each folder");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot remember the model for " + folder + " in " + file + ": " + e.getMessage());
        }
    }

    private Properties read() throws IOException {
        Properties all = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                all.load(in);
            }
        }
        return all;
    }

    private static String key(Path folder) {
        return folder.toAbsolutePath().normalize().toString();
    }

    private static String spec(String model) {
        try {
            Path path = Path.of(model);
            return Files.exists(path) ? path.toAbsolutePath().normalize().toString() : model;
        } catch (InvalidPathException e) {
            return model;
        }
    }
}
