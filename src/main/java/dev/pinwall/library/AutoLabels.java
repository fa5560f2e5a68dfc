package dev.pinwall.library;

import dev.pinwall.decode.DecodeException;
import dev.pinwall.embed.EmbedException;
import dev.pinwall.labels.LabelColumn;
import dev.pinwall.labels.LabelSuggestions;
import dev.pinwall.labels.LabelVote;
import dev.pinwall.labels.Suggestion;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Labels suggested for a photo that has none (a dropped image, a file missing from styles.csv): per column, a
 * {@link LabelVote} of its {@value #NEIGHBOURS} most similar labelled photos, ranked as Related ranks them. Queries
 * the library: never on a UI thread.
 */
public final class AutoLabels {
    /** How many labelled neighbours vote. */
    public static final int NEIGHBOURS = 10;

    private AutoLabels() {
    }

    /** True when some photo of the collection has labels to learn from. */
    public static boolean available(Library library) {
        return library.photos().stream().anyMatch(p -> p.info() != null);
    }

    /** Suggestions for a photo of the collection (its own labels are not used); empty when it has no vector yet. */
    public static Optional<LabelSuggestions> forPhoto(Library library, Photo photo) {
        return library.related(photo, query()).map(AutoLabels::vote);
    }

    /** Suggestions for any image file, in the collection or not. */
    public static LabelSuggestions forImage(Library library, Path image) throws DecodeException, EmbedException {
        return vote(library.similarTo(image, query()));
    }

    private static RelatedQuery query() {
        return RelatedQuery.top(NEIGHBOURS).withFilter(p -> p.info() != null);
    }

    /** Each column's vote among the matches that have a value in it. */
    public static LabelSuggestions vote(List<Match> labelled) {
        Map<LabelColumn, Suggestion> byColumn = new EnumMap<>(LabelColumn.class);
        for (LabelColumn column : LabelColumn.values()) {
            LabelVote.vote(labelled.stream().filter(m -> m.photo().info() != null)
                            .map(m -> new LabelVote.Voter(column.of(m.photo().info()), m.score())).toList())
                    .ifPresent(s -> byColumn.put(column, s));
        }
        return new LabelSuggestions(byColumn, labelled.size());
    }
}
