package dev.pinwall.search;

/** A row of the index and its cosine similarity to the query. */
public record Hit(int row, float score) {
}
