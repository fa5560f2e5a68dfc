package dev.pinwall.solr;

import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.store.StoreException;
import dev.pinwall.store.StoreLocation;
import dev.pinwall.store.StoreProvider;
import dev.pinwall.store.VectorStore;

import java.util.List;
import java.util.Optional;

/**
 * Opens {@code solr:URL/COLLECTION} and {@code solr+zk:HOSTS[/chroot]/COLLECTION} for {@code Stores.open}; this
 * machine's path cache and fitted state go to the default local store file.
 */
public final class SolrStoreProvider implements StoreProvider {

    @Override
    public List<String> prefixes() {
        return List.of(SolrTarget.URL_PREFIX, SolrTarget.ZK_PREFIX);
    }

    @Override
    public Optional<VectorStore> open(String spec) throws StoreException {
        if (!SolrTarget.isSolr(spec)) {
            return Optional.empty();
        }
        SolrTarget target;
        try {
            target = SolrTarget.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new StoreException(e.getMessage(), e);
        }
        return Optional.of(SolrVectorStore.open(target, () -> EmbeddingStore.open(StoreLocation.defaultFile())));
    }
}
