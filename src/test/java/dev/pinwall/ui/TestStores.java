package dev.pinwall.ui;

import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.store.StoreException;

import java.nio.file.Path;

/** The one place tests open a store, so the switch to the real store is one line. */
final class TestStores {
    private TestStores() {
    }

    static EmbeddingStore open(Path dir) {
        try {
            return EmbeddingStore.open(dir.resolve("vectors.db"));
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }
}
