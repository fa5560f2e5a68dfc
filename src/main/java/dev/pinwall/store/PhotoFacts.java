package dev.pinwall.store;

import java.util.List;
import java.util.Map;

/**
 * What is known of a photo's content beside its vector: the files that hold it on this machine and its labels
 * (styles.csv columns by name; empty values left out). Stores that search on their own keep it with the vector so that
 * filters work there; the local store does not need it.
 */
public record PhotoFacts(List<String> paths, Map<String, String> labels) {
    public PhotoFacts {
        paths = List.copyOf(paths);
        labels = Map.copyOf(labels);
    }
}
