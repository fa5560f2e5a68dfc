package dev.pinwall.eval;

import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Leave-one-out retrieval evaluation: every image whose label has more than {@code k} members is a query;
 * its neighbours (itself excluded) are relevant when they share its label.
 */
public final class RetrievalEvaluator {
    private RetrievalEvaluator() {
    }

    /**
     * @param index  vectors, one row per labelled image
     * @param labels the label of each row, same order as the index rows
     * @param k      depth of the evaluation; P@5 is reported too when k is at least 5
     */
    public static RetrievalScores evaluate(VectorIndex index, List<String> labels, int k) {
        if (labels.size() != index.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + index.size() + " vectors");
        }
        return evaluate(labels, k, (row, depth) -> index.nearest(row, depth, r -> true, Float.NEGATIVE_INFINITY));
    }

    /** What is evaluated: the nearest rows of a row (itself excluded), best first. */
    @FunctionalInterface
    public interface Ranking {
        List<Hit> nearest(int row, int depth);
    }

    /**
     * Scores any ranking of the rows, e.g. the collection-aware one.
     *
     * @param labels the label of each row
     * @param ranking the neighbours of each row, in row numbers of {@code labels}
     */
    public static RetrievalScores evaluate(List<String> labels, int k, Ranking ranking) {
        Map<String, Integer> members = new HashMap<>();
        labels.forEach(label -> members.merge(label, 1, Integer::sum));
        double sumP5 = 0;
        double sumPk = 0;
        double sumAp = 0;
        int queries = 0;
        int depth = Math.max(k, 5);
        for (int row = 0; row < labels.size(); row++) {
            String label = labels.get(row);
            int classSize = members.get(label);
            if (classSize <= k) {
                continue;
            }
            List<Hit> hits = ranking.nearest(row, depth);
            int relevantSoFar = 0;
            double precisionSum = 0;
            int relevantAt5 = 0;
            for (int i = 0; i < hits.size(); i++) {
                boolean relevant = label.equals(labels.get(hits.get(i).row()));
                if (relevant && i < k) {
                    relevantSoFar++;
                    precisionSum += (double) relevantSoFar / (i + 1);
                }
                if (relevant && i < 5) {
                    relevantAt5++;
                }
            }
            int relevantInCollection = classSize - 1;
            sumPk += (double) relevantSoFar / k;
            sumP5 += relevantAt5 / 5.0;
            sumAp += precisionSum / Math.min(k, relevantInCollection);
            queries++;
        }
        if (queries == 0) {
            return new RetrievalScores(0, 0, 0, 0, k);
        }
        return new RetrievalScores(sumP5 / queries, sumPk / queries, sumAp / queries, queries, k);
    }
}
