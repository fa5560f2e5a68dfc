package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import dev.pinwall.metadata.ProductInfo;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The wall's search: which photos the wall shows for the words typed. Every word must start a word of the photo's
 * product name, labels ({@code styles.csv} columns) or file name, ignoring case: "red dress" finds "Red" +
 * "Dresses", and "red" does not find "Embroidered". Each photo's searchable text is lower-cased once, in the
 * background whenever the photos change (a few hundred ms for 44,000), and a query is one scan over those strings:
 * milliseconds on the UI thread ({@code WallSearchBench}). A query typed before the texts are ready is applied when
 * they arrive. The view debounces typing. UI thread only.
 */
public final class WallSearch {
    private final ObservableList<Photo> photos;
    private final ObservableList<Photo> shown = FXCollections.observableArrayList();
    private final ObservableList<Photo> shownView = FXCollections.unmodifiableObservableList(shown);
    private final ReadOnlyStringWrapper query = new ReadOnlyStringWrapper(this, "query", "");
    private final IntegerBinding matches = Bindings.size(shown);
    private final TaskExecutor tasks;
    private String[] words = new String[0];
    /** Searchable text per photo, index for index with {@code photos}; null while being built. */
    private String[] texts = new String[0];
    private int generation;

    WallSearch(ObservableList<Photo> photos, TaskExecutor tasks) {
        this.photos = photos;
        this.tasks = tasks;
        rebuildTexts();
        photos.addListener((ListChangeListener<Photo>) change -> rebuildTexts());
    }

    private void rebuildTexts() {
        int mine = ++generation;
        texts = null;
        List<Photo> snapshot = List.copyOf(photos);
        if (words.length == 0) {
            shown.setAll(snapshot);
        }
        BackgroundTask.wrap(() -> snapshot.stream().map(WallSearch::searchText).toArray(String[]::new))
                .onSuccess(built -> {
                    if (mine == generation) {
                        texts = built;
                        apply();
                    }
                })
                .executeWith(tasks);
    }

    /** Shows only the photos matching every word of {@code text}; blank shows all. */
    public void setQuery(String text) {
        String q = text == null ? "" : text.strip();
        if (q.equals(query.get())) {
            return;
        }
        query.set(q);
        // split like the photos' text, so "7.png" or "t-shirt" find what they look like
        words = normalise(q).strip().isEmpty() ? new String[0] : normalise(q).strip().split(" ");
        for (int i = 0; i < words.length; i++) {
            words[i] = " " + words[i];
        }
        apply();
    }

    public void clear() {
        setQuery("");
    }

    private void apply() {
        if (words.length == 0) {
            shown.setAll(photos);
            return;
        }
        if (texts == null) {
            return; // being built: applied when it arrives
        }
        List<Photo> found = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            if (matches(texts[i], words)) {
                found.add(photos.get(i));
            }
        }
        shown.setAll(found);
    }

    private static boolean matches(String text, String[] words) {
        for (String word : words) {
            if (!text.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** " red dress women apparel ... 1234 jpg ": lower case, one space before and after every word. */
    static String searchText(Photo photo) {
        ProductInfo info = photo.info();
        StringBuilder text = new StringBuilder(160).append(' ');
        if (info != null) {
            for (String field : new String[]{info.displayName(), info.articleType(), info.baseColour(), info.gender(),
                    info.masterCategory(), info.subCategory(), info.season(), info.usage(), info.year()}) {
                appendWords(text, field);
            }
        }
        appendWords(text, photo.name());
        return text.toString();
    }

    /** Letters and digits lower-cased; anything else is a word break. */
    private static String normalise(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append(' ');
        appendWords(out, s);
        return out.toString();
    }

    private static void appendWords(StringBuilder out, String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            } else if (out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
        if (out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
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
