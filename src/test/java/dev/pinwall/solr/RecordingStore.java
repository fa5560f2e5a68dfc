package dev.pinwall.solr;

import dev.pinwall.store.FileHashCache;
import dev.pinwall.store.FittedStateStore;
import dev.pinwall.store.PhotoFacts;
import dev.pinwall.store.StoreException;
import dev.pinwall.store.StoreSearch;
import dev.pinwall.store.VectorStore;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that passes everything to another and counts the searches it serves itself, so a test can tell a query
 * answered by the store from one answered in memory.
 */
final class RecordingStore implements VectorStore {
    private final VectorStore inner;
    final AtomicInteger searches = new AtomicInteger();

    RecordingStore(VectorStore inner) {
        this.inner = inner;
    }

    @Override
    public Optional<StoreSearch> search(String storeKey) {
        return inner.search(storeKey).map(search -> (query, k, labels) -> {
            searches.incrementAndGet();
            return search.nearest(query, k, labels);
        });
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public Map<String, float[]> vectors(String storeKey, Collection<String> hashes) throws StoreException {
        return inner.vectors(storeKey, hashes);
    }

    @Override
    public void putAll(String storeKey, Map<String, float[]> vectors, Map<String, String> failures)
            throws StoreException {
        inner.putAll(storeKey, vectors, failures);
    }

    @Override
    public Map<String, String> failures(String storeKey, Collection<String> hashes) throws StoreException {
        return inner.failures(storeKey, hashes);
    }

    @Override
    public SortedMap<String, float[]> vectorsAfter(String storeKey, String afterHash, int limit)
            throws StoreException {
        return inner.vectorsAfter(storeKey, afterHash, limit);
    }

    @Override
    public int count(String storeKey) throws StoreException {
        return inner.count(storeKey);
    }

    @Override
    public Set<String> storeKeys() throws StoreException {
        return inner.storeKeys();
    }

    @Override
    public Optional<Integer> dimension(String storeKey) throws StoreException {
        return inner.dimension(storeKey);
    }

    @Override
    public Path localFolder() {
        return inner.localFolder();
    }

    @Override
    public FileHashCache fileHashes() {
        return inner.fileHashes();
    }

    @Override
    public FittedStateStore fittedStates() {
        return inner.fittedStates();
    }

    @Override
    public void describe(String storeKey, Map<String, PhotoFacts> factsByHash) {
        inner.describe(storeKey, factsByHash);
    }

    @Override
    public void close() {
        inner.close();
    }
}
