package dev.pinwall.store;

import java.util.List;
import java.util.Map;

/**
 * k-nearest search served by the store itself (a search cluster), so that a query does not scan vectors held in
 * memory. Results name contents by hash: the caller maps them to its own photos and skips the others.
 */
public interface StoreSearch {

    /** A stored content and its cosine similarity to the query. */
    record Result(String hash, float cosine) {
    }

    /**
     * The {@code k} stored vectors nearest to {@code query} by cosine similarity, best first, among the contents
     * whose labels (styles.csv column to value, as the indexers reported them) equal {@code labels}. Fewer than
     * {@code k} only when fewer qualify (up to the approximation of the store's index).
     */
    List<Result> nearest(float[] query, int k, Map<String, String> labels) throws StoreException;
}
