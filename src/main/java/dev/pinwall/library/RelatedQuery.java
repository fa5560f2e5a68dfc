package dev.pinwall.library;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the Related panel asks for.
 *
 * @param k        how many matches at most
 * @param minScore matches below this cosine similarity are dropped
 * @param filter   only photos it accepts are returned; never null
 * @param labels   only photos with these labels (styles.csv column to value, compared ignoring case) are returned,
 *                 e.g. the same articleType; a store that searches itself applies them before its search
 */
public record RelatedQuery(int k, float minScore, Predicate<Photo> filter, Map<String, String> labels) {

    public RelatedQuery {
        labels = Map.copyOf(labels);
    }

    public RelatedQuery(int k, float minScore, Predicate<Photo> filter) {
        this(k, minScore, filter, Map.of());
    }

    public static RelatedQuery top(int k) {
        return new RelatedQuery(k, -1f, photo -> true);
    }

    public RelatedQuery withFilter(Predicate<Photo> filter) {
        return new RelatedQuery(k, minScore, filter, labels);
    }

    public RelatedQuery withMinScore(float minScore) {
        return new RelatedQuery(k, minScore, filter, labels);
    }

    /**
     * Also requires the label {@code column} (a styles.csv column, e.g. {@code articleType}) to be {@code value}.
     *
     * @throws IllegalArgumentException when {@code value} is blank (a label the pin lacks narrows nothing: leave it out)
     */
    public RelatedQuery withLabel(String column, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no value for label " + column);
        }
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(column, value);
        return new RelatedQuery(k, minScore, filter, more);
    }

    /** Whether {@code photo} passes the filter and has every required label; photos without labels have none. */
    public boolean accepts(Photo photo) {
        if (!labels.isEmpty()) {
            if (photo.info() == null) {
                return false;
            }
            for (Map.Entry<String, String> label : labels.entrySet()) {
                if (!label.getValue().equalsIgnoreCase(photo.info().label(label.getKey()))) {
                    return false;
                }
            }
        }
        return filter.test(photo);
    }
}
