package dev.pinwall.solr;

import dev.pinwall.store.StoreException;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The k nearest vectors of a collection, searched in Solr: {@code {!knn f=vector topK=k}} over HNSW on every shard,
 * merged by the cluster, with label filters as {@code fq} (pre-filtered kNN: the graph search only visits documents
 * the filters accept, so "only the same type" returns k results at any size). Scores are converted back to cosine
 * similarity, so they compare with the local store's.
 *
 * <p>This is what serves Related from the cluster ({@code pinwall solr related}, and plain-mode Related in the
 * desktop, {@code similar} and {@code eval} through {@link SolrVectorStore#search}); the collection-aware modes rank
 * in the exact in-memory index, which is also the reference this is measured against (recall@10 in the tests).
 */
public final class SolrNeighbours {
    /** Graph candidates per wanted result (see {@link #nearest}). */
    static final int CANDIDATES_PER_RESULT = 4;
    static final int MIN_CANDIDATES = 50;
    private final SolrVectorStore store;

    /** A neighbour: content hash, cosine similarity, and the paths the indexing machines reported for it. */
    public record Neighbour(String hash, float cosine, List<String> paths) {
    }

    public SolrNeighbours(SolrVectorStore store) {
        this.store = Objects.requireNonNull(store);
    }

    /**
     * The {@code k} vectors nearest to {@code query}, best first, among documents whose labels equal {@code filters}
     * (field to value; fields from {@link SolrCollections#LABEL_FIELDS}), leaving out {@code excludeHashes}.
     */
    public List<Neighbour> nearest(float[] query, int k, Map<String, String> filters, Collection<String> excludeHashes)
            throws StoreException {
        if (query.length != store.dimension()) {
            throw new IllegalArgumentException("query has " + query.length + " values; the collection takes "
                    + store.dimension());
        }
        for (String field : filters.keySet()) {
            if (!SolrCollections.LABEL_FIELDS.contains(field)) {
                throw new IllegalArgumentException("no label field '" + field + "' (fields: "
                        + SolrCollections.LABEL_FIELDS.stream().sorted().toList() + ")");
            }
        }
        StringBuilder vector = new StringBuilder(query.length * 12).append('[');
        for (int i = 0; i < query.length; i++) {
            vector.append(i == 0 ? "" : ",").append(query[i]);
        }
        vector.append(']');
        // The filters are applied before the graph search, so k accepted results come back. Each segment's graph is
        // searched for topK candidates: asking for more than k widens the search (Lucene's beam is topK), which is
        // what keeps recall high on small segments; only the best k are returned.
        int topK = Math.max(k * CANDIDATES_PER_RESULT, MIN_CANDIDATES);
        SolrQuery solrQuery = new SolrQuery("{!knn f=vector topK=" + topK + "}" + vector)
                .addFilterQuery("kind:" + SolrVectorStore.KIND_VECTOR)
                .setFields("hash", "path", "score")
                .setRows(k);
        filters.forEach((field, value) -> solrQuery.addFilterQuery(field + ":" + ClientUtils.escapeQueryChars(value)));
        if (!excludeHashes.isEmpty()) {
            solrQuery.addFilterQuery("-hash:(" + excludeHashes.stream().map(ClientUtils::escapeQueryChars)
                    .collect(Collectors.joining(" OR ")) + ")");
        }
        QueryResponse response = store.retrying("searching nearest neighbours", () -> store.client()
                .query(store.target().collection(), solrQuery, SolrRequest.METHOD.POST));
        List<Neighbour> hits = new ArrayList<>();
        for (SolrDocument doc : response.getResults()) {
            if (hits.size() == k) {
                break;
            }
            float score = ((Number) doc.getFirstValue("score")).floatValue();
            Collection<Object> paths = doc.getFieldValues("path");
            hits.add(new Neighbour((String) doc.getFirstValue("hash"), cosine(score),
                    paths == null ? List.of() : paths.stream().map(String::valueOf).toList()));
        }
        return hits;
    }

    /** Lucene scores cosine similarity as (1 + cos) / 2, so that scores are never negative. */
    static float cosine(float luceneScore) {
        return 2 * luceneScore - 1;
    }
}
