package dev.pinwall.labels;

/**
 * A suggested label and how sure the vote is.
 *
 * @param value      the label
 * @param confidence the similarity-weighted share of the voters that agree, in (0, 1]
 * @param voters     how many labelled neighbours voted
 */
public record Suggestion(String value, double confidence, int voters) {
}
