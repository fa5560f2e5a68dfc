package dev.pinwall.library;

import java.util.function.Predicate;

/**
 * What the Related panel asks for.
 *
 * @param k        how many matches at most
 * @param minScore matches below this cosine similarity are dropped
 * @param filter   only photos it accepts are returned (e.g. same articleType); never null
 */
public record RelatedQuery(int k, float minScore, Predicate<Photo> filter) {

    public static RelatedQuery top(int k) {
        return new RelatedQuery(k, -1f, photo -> true);
    }

    public RelatedQuery withFilter(Predicate<Photo> filter) {
        return new RelatedQuery(k, minScore, filter);
    }

    public RelatedQuery withMinScore(float minScore) {
        return new RelatedQuery(k, minScore, filter);
    }
}
