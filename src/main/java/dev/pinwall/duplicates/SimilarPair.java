package dev.pinwall.duplicates;

/**
 * Two rows of an index and their cosine similarity; {@code a < b}.
 */
public record SimilarPair(int a, int b, float score) {
}
