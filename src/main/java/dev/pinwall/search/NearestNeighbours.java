package dev.pinwall.search;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * The one question every search backend answers: the {@code k} rows nearest to a query by cosine similarity, among
 * the rows a filter accepts. Rows are numbered in the order they were added. The exact in-memory {@link VectorIndex}
 * is the reference every approximate or remote implementation is measured against.
 */
public interface NearestNeighbours {

    /** The vector length. */
    int dimension();

    /** How many rows have been added. */
    int size();

    /** Appends a vector (normalised by the implementation) and returns its row number. */
    int add(float[] vector);

    /** The stored unit vector of a row (a copy). */
    float[] vector(int row);

    /**
     * The {@code k} rows most similar to {@code query} (normalised by the implementation), best first, among rows that
     * {@code accept} takes and whose score is at least {@code minScore}. {@code accept} may be called from several
     * threads at once. An implementation returns fewer than {@code k} only when fewer rows qualify.
     */
    List<Hit> nearest(float[] query, int k, IntPredicate accept, float minScore);

    /** The {@code k} rows most similar to row {@code row}, itself excluded. */
    default List<Hit> nearest(int row, int k, IntPredicate accept, float minScore) {
        return nearest(vector(row), k, r -> r != row && accept.test(r), minScore);
    }
}
