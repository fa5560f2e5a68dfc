package dev.pinwall.eval;

import java.util.Locale;

/**
 * Retrieval quality over a labelled collection.
 *
 * @param precisionAt5  mean fraction of the top 5 that share the query's label
 * @param precisionAt10 mean fraction of the top 10 that share the query's label
 * @param mapAt10       mean average precision over the top 10
 * @param queries       how many images were used as queries
 */
public record RetrievalScores(double precisionAt5, double precisionAt10, double mapAt10, int queries) {

    /** The line the {@code eval} command ends with. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "P@10 %.4f mAP@10 %.4f queries %d", precisionAt10, mapAt10, queries);
    }
}
