package dev.pinwall.store;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where embedding vectors live: vectors and failures by (content hash, store key), plus the machine-local path cache
 * and fitted similarity state. The embedded default is the SQLite {@link EmbeddingStore}; other backends (a shared
 * search cluster) implement the same contract, so the library, the CLI and the desktop never name a backend.
 *
 * <p>Contract every implementation keeps: a write ({@link #putAll}) lands completely or not at all; a vector that is
 * damaged, of the wrong length or not finite is never returned (it reads as missing, so it is recomputed); writing
 * the same hash twice is idempotent.
 */
public interface VectorStore extends AutoCloseable {

    /**
     * What opening a damaged store did: where the damaged file was kept, how many vectors were copied from it into the
     * new store, and why it was judged damaged.
     */
    record Salvage(Path keptAs, int salvaged, int unreadable, String reason) {
        /** One line for a user. */
        public String message() {
            return "the embedding store was damaged (" + reason + "); kept it as " + keptAs + ", started a new one and "
                    + "salvaged " + salvaged + " vectors" + (unreadable > 0 ? " (" + unreadable + " rows unreadable or "
                    + "invalid; they will be recomputed)" : "");
        }
    }

    /** Where the store is, in words a user recognises (a file path or a URL). */
    String location();

    /**
     * The stored vectors for those of {@code hashes} that have one under {@code storeKey}; hashes without a vector are
     * absent from the result. Each call returns fresh arrays.
     */
    Map<String, float[]> vectors(String storeKey, Collection<String> hashes) throws StoreException;

    /** Stores vectors and failures under {@code storeKey} in one all-or-nothing write. */
    void putAll(String storeKey, Map<String, float[]> vectors, Map<String, String> failures) throws StoreException;

    /** The recorded failure reasons for those of {@code hashes} that failed under {@code storeKey}. */
    Map<String, String> failures(String storeKey, Collection<String> hashes) throws StoreException;

    /**
     * A page of the vectors stored under {@code storeKey}: those whose hash sorts after {@code afterHash} (all when
     * empty), at most {@code limit}, in hash order. Paging with the last hash of each page visits every vector once;
     * this is how a store is copied to another ({@code pinwall export}).
     */
    java.util.SortedMap<String, float[]> vectorsAfter(String storeKey, String afterHash, int limit)
            throws StoreException;

    /** How many vectors are stored under {@code storeKey}. */
    int count(String storeKey) throws StoreException;

    /** Every store key that has vectors. */
    Set<String> storeKeys() throws StoreException;

    /** The vector length stored under {@code storeKey}, or empty when it has none. */
    Optional<Integer> dimension(String storeKey) throws StoreException;

    /** The folder on this machine that holds this store's local state (path cache, learned projections). */
    Path localFolder();

    /** The path cache: content hashes of this machine's files by path, size and modification time. */
    FileHashCache fileHashes();

    /** The fitted similarity state of collections (see {@link FittedStateStore}). */
    FittedStateStore fittedStates();

    /**
     * Tells the store the paths and labels of contents about to be written under {@code storeKey}, keyed by content
     * hash. A store that serves filtered search itself keeps them with the next {@link #putAll} of those hashes; the
     * local store ignores them (the library reads labels from the folder).
     */
    default void describe(String storeKey, Map<String, PhotoFacts> factsByHash) {
    }

    /**
     * The store's own k-nearest search over the vectors under {@code storeKey}, when it serves one (a search
     * cluster); empty for the local store, whose vectors are searched in memory.
     */
    default Optional<StoreSearch> search(String storeKey) {
        return Optional.empty();
    }

    /** What opening did to a damaged store, or empty when it was healthy. */
    default Optional<Salvage> salvage() {
        return Optional.empty();
    }

    @Override
    void close();
}
