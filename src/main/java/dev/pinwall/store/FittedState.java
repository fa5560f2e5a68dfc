package dev.pinwall.store;

import java.util.List;
import java.util.Map;

/**
 * The saved similarity fit of one collection and model.
 *
 * @param mean       the collection mean the vectors are centred on
 * @param meanRows   how many photos the mean was fitted on
 * @param neighbours content hash to its neighbours' content hashes, nearest first
 */
public record FittedState(float[] mean, int meanRows, Map<String, List<String>> neighbours) {
}
