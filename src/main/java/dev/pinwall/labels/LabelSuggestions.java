package dev.pinwall.labels;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels suggested for one photo, per column (only the columns its neighbours have values for).
 *
 * @param byColumn   each column's suggestion, in {@link LabelColumn} order
 * @param neighbours how many labelled neighbours were asked
 */
public record LabelSuggestions(Map<LabelColumn, Suggestion> byColumn, int neighbours) {

    public LabelSuggestions {
        byColumn = Collections.unmodifiableMap(byColumn.isEmpty() ? new EnumMap<>(LabelColumn.class)
                : new EnumMap<>(byColumn));
    }

    public static LabelSuggestions none() {
        return new LabelSuggestions(Map.of(), 0);
    }

    public Optional<Suggestion> get(LabelColumn column) {
        return Optional.ofNullable(byColumn.get(column));
    }

    public boolean isEmpty() {
        return byColumn.isEmpty();
    }
}
