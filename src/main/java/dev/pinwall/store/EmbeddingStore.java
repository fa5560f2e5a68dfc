package dev.pinwall.store;

/** Placeholder so the contracts compile; the real store lands from the store branch. */
public final class EmbeddingStore implements AutoCloseable {
    @Override
    public void close() {
    }
}
