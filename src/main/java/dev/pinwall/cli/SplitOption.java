package dev.pinwall.cli;

import dev.pinwall.learn.Split;
import picocli.CommandLine.Option;

import java.util.function.Predicate;

/**
 * {@code --split-seed S --fold 0|1}: keep only one half of the images (see {@link Split}), so that a projection
 * learned with {@code learn --fold 0} is measured with {@code eval --fold 1} on photos whose labels it never saw.
 */
final class SplitOption {
    @Option(names = "--split-seed", paramLabel = "S",
            description = "Split the images into two halves by a hash of S and the file name (use with --fold).")
    Long seed;

    @Option(names = "--fold", paramLabel = "F", description = "Keep half 0 or 1 of the split (use with --split-seed).")
    Integer fold;

    /** Which file names to keep: all of them when no split is asked for. */
    Predicate<String> files() {
        if (seed == null && fold == null) {
            return name -> true;
        }
        if (seed == null || fold == null) {
            throw new IllegalArgumentException("--split-seed and --fold go together");
        }
        Split split = new Split(seed, fold);
        return split::contains;
    }
}
