package dev.pinwall.eval;

import dev.pinwall.labels.LabelVote;
import dev.pinwall.search.Hit;

import java.util.List;

/**
 * Leave-one-out accuracy of suggested labels: every labelled row is treated as unlabelled, its label suggested by a
 * {@link LabelVote} of its {@code k} nearest other rows, and compared with its own.
 */
public final class SuggestionEvaluator {
    private SuggestionEvaluator() {
    }

    /**
     * The share of rows whose suggested label is their own.
     *
     * @param labels  the label of each row
     * @param k       how many neighbours vote
     * @param ranking the neighbours of each row (itself excluded), in row numbers of {@code labels}
     */
    public static double accuracy(List<String> labels, int k, RetrievalEvaluator.Ranking ranking) {
        if (labels.isEmpty()) {
            return 0;
        }
        int right = 0;
        for (int row = 0; row < labels.size(); row++) {
            List<LabelVote.Voter> voters = ranking.nearest(row, k).stream()
                    .map((Hit h) -> new LabelVote.Voter(labels.get(h.row()), h.score())).toList();
            String own = labels.get(row);
            if (LabelVote.vote(voters).map(s -> s.value().equals(own)).orElse(false)) {
                right++;
            }
        }
        return (double) right / labels.size();
    }
}
