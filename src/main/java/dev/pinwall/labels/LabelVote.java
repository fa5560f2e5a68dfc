package dev.pinwall.labels;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A photo's label suggested from its labelled neighbours: each neighbour votes for its label with its cosine similarity
 * to the photo (negative similarities count as nothing), the label with the most weight wins, and the confidence is its
 * share of the weight. Ties go to the label met first (the nearer neighbour).
 */
public final class LabelVote {
    private LabelVote() {
    }

    /** One labelled neighbour. */
    public record Voter(String label, float similarity) {
    }

    /** The winning label of the voters, best first; empty when none has a label. */
    public static Optional<Suggestion> vote(List<Voter> voters) {
        Map<String, Double> weight = new HashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        double total = 0;
        int counted = 0;
        for (Voter voter : voters) {
            if (voter.label() == null || voter.label().isBlank()) {
                continue;
            }
            // a tiny floor: a voter at similarity 0 still breaks a tie among nobody
            double w = Math.max(voter.similarity(), 0) + 1e-9;
            weight.merge(voter.label(), w, Double::sum);
            firstSeen.putIfAbsent(voter.label(), counted);
            total += w;
            counted++;
        }
        String best = null;
        for (String label : weight.keySet()) {
            if (best == null || weight.get(label) > weight.get(best)
                    || weight.get(label).equals(weight.get(best)) && firstSeen.get(label) < firstSeen.get(best)) {
                best = label;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Suggestion(best, weight.get(best) / total, counted));
    }
}
