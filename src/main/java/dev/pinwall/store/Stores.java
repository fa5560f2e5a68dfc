package dev.pinwall.store;

import java.nio.file.Path;

/**
 * The one place a {@link VectorStore} is chosen and opened from what the user said. A store named explicitly either
 * opens or fails with a {@link StoreException}; only the default location is chosen for the user.
 *
 * <p>Today the only form is a file path (the SQLite {@link EmbeddingStore}); other backends add their own prefixed
 * forms here, so the CLI and the desktop never name a backend class.
 */
public final class Stores {
    private Stores() {
    }

    /** Opens the store at the default location ({@link StoreLocation#defaultFile()}), creating it when absent. */
    public static VectorStore openDefault() throws StoreException {
        return EmbeddingStore.open(StoreLocation.defaultFile());
    }

    /**
     * Opens the store {@code spec} names, or the default store when {@code spec} is null or blank.
     *
     * @param spec a store file path
     * @throws StoreException when the named store cannot be opened
     */
    public static VectorStore open(String spec) throws StoreException {
        if (spec == null || spec.isBlank()) {
            return openDefault();
        }
        return EmbeddingStore.open(Path.of(spec));
    }
}
