package dev.pinwall.library;

/** A related photo and its cosine similarity to the query, in [-1, 1]. */
public record Match(Photo photo, float score) {
}
