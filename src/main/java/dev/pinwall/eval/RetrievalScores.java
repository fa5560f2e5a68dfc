package dev.pinwall.eval;

import java.util.Locale;

/**
 * Retrieval quality over a labelled collection.
 *
 * @param precisionAt5  mean fraction of the top 5 that share the query's label
 * @param precisionAtK mean fraction of the top k that share the query's label
 * @param mapAtK       mean average precision over the top k
 * @param queries      how many images were used as queries
 * @param k            the depth
 */
public record RetrievalScores(double precisionAt5, double precisionAtK, double mapAtK, int queries, int k) {

    /** The line the {@code eval} command ends with. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "P@%d %.4f mAP@%d %.4f queries %d", k, precisionAtK, k, mapAtK, queries);
    }
}
