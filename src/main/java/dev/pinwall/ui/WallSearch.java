package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import dev.pinwall.metadata.ProductInfo;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The wall's search: which photos the wall shows for the words typed. Every word must start a word of the photo's
 * product name, labels ({@code styles.csv} columns) or file name, ignoring case: "red dress" finds "Red" +
 * "Dresses". Each photo's searchable text is lower-cased once and cached, so filtering 44,000 photos is a string
 * scan per photo. The view debounces typing. UI thread only.
 */
public final class WallSearch {
    private static final String NOT_WORD = "[^\\p{L}\\p{N}]+";
    private final FilteredList<Photo> shown;
    private final ObservableList<Photo> shownView;
    private final ReadOnlyStringWrapper query = new ReadOnlyStringWrapper(this, "query", "");
    private final IntegerBinding matches;
    private final Map<Photo, String> texts = new HashMap<>();

    WallSearch(ObservableList<Photo> photos) {
        shown = new FilteredList<>(photos);
        shownView = javafx.collections.FXCollections.unmodifiableObservableList(shown);
        matches = Bindings.size(shown);
        photos.addListener((ListChangeListener<Photo>) change -> {
            while (change.next()) {
                if (change.wasRemoved()) {
                    change.getRemoved().forEach(texts::remove);
                }
            }
        });
    }

    /** Shows only the photos matching every word of {@code text}; blank shows all. */
    public void setQuery(String text) {
        String q = text == null ? "" : text.strip();
        if (q.equals(query.get())) {
            return;
        }
        query.set(q);
        // split like the photos' text, so "7.png" or "t-shirt" find what they look like
        String[] words = Arrays.stream(q.toLowerCase(Locale.ROOT).split(NOT_WORD))
                .filter(w -> !w.isEmpty()).map(w -> " " + w).toArray(String[]::new);
        shown.setPredicate(words.length == 0 ? null : matcher(words));
    }

    public void clear() {
        setQuery("");
    }

    private Predicate<Photo> matcher(String[] words) {
        return photo -> {
            String haystack = texts.computeIfAbsent(photo, WallSearch::searchText);
            for (String word : words) {
                if (!haystack.contains(word)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** " red dress women apparel dress red ... 1234.jpg": each word preceded by a space, so " dre" finds "dress". */
    static String searchText(Photo photo) {
        StringBuilder text = new StringBuilder(" ");
        ProductInfo info = photo.info();
        List<String> fields = info == null ? List.of(photo.name()) : List.of(info.displayName(), info.articleType(),
                info.baseColour(), info.gender(), info.masterCategory(), info.subCategory(), info.season(),
                info.usage(), info.year(), photo.name());
        for (String field : fields) {
            for (String word : field.toLowerCase(Locale.ROOT).split(NOT_WORD)) {
                if (!word.isEmpty()) {
                    text.append(word).append(' ');
                }
            }
        }
        return text.toString();
    }

    /** The photos the wall shows. */
    public ObservableList<Photo> getShown() {
        return shownView;
    }

    public ReadOnlyStringProperty queryProperty() {
        return query.getReadOnlyProperty();
    }

    public boolean isActive() {
        return !query.get().isEmpty();
    }

    /** How many photos match (all of them when no query). */
    public IntegerBinding matchesBinding() {
        return matches;
    }
}
