package dev.pinwall.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The one place a {@link VectorStore} is chosen and opened from what the user said. A store named explicitly either
 * opens or fails with a {@link StoreException}; only the default location is chosen for the user.
 *
 * <p>A file path opens the SQLite {@link EmbeddingStore}; a prefixed form such as {@code solr:URL} opens the backend
 * whose {@link StoreProvider} takes it (found through {@link ServiceLoader}), so the CLI and the desktop never name a
 * backend class. A prefixed form that no backend takes is an error, never a file of that name.
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
     * @param spec a store file path, or a prefixed form a {@link StoreProvider} takes
     * @throws StoreException when the named store cannot be opened
     */
    public static VectorStore open(String spec) throws StoreException {
        if (spec == null || spec.isBlank()) {
            return openDefault();
        }
        List<StoreProvider> providers = ServiceLoader.load(StoreProvider.class, Stores.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
        for (StoreProvider provider : providers) {
            Optional<VectorStore> store = provider.open(spec);
            if (store.isPresent()) {
                return store.get();
            }
        }
        if (PREFIXED.matcher(spec).find()) {
            throw new StoreException("no store backend takes '" + spec + "' (known forms: a file path"
                    + providers.stream().flatMap(p -> p.prefixes().stream()).map(p -> ", " + p + "...")
                    .reduce("", String::concat) + ")");
        }
        return EmbeddingStore.open(Path.of(spec));
    }

    /** A scheme-like prefix ({@code solr:}, {@code solr+zk:}); one letter before the colon is a Windows drive. */
    private static final Pattern PREFIXED = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");
}
