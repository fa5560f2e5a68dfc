package dev.pinwall.ui;

import dev.pinwall.duplicates.DuplicateFinder;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.TaskExecutor;
import dev.pinwall.task.TaskSlot;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The duplicates view: the groups of near-identical photos of the open collection, found in the background (every
 * pair is compared: seconds at a few thousand photos, minutes at 44,000). UI thread only.
 */
public final class DuplicatesViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DuplicatesViewModel.class);

    private final TaskSlot runs;
    private final Supplier<Library> library;
    private final ObservableList<List<Photo>> groups = FXCollections.observableArrayList();
    private final ObservableList<List<Photo>> groupsView = FXCollections.unmodifiableObservableList(groups);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    /** @param library the open collection, or null when none is open */
    DuplicatesViewModel(TaskExecutor tasks, Supplier<Library> library) {
        this.runs = new TaskSlot(tasks);
        this.library = library;
    }

    /** Looks for the groups among the photos embedded so far; a new call replaces one still running. */
    public void find() {
        Library lib = library.get();
        if (lib == null) {
            groups.clear();
            message.set("Open a folder first");
            return;
        }
        float threshold = DuplicateFinder.DEFAULT_THRESHOLD;
        running.set(true);
        message.set("Looking for near-identical photos…");
        runs.replace(BackgroundTask.wrap(() -> lib.nearDuplicates(threshold).groups(threshold))
                .onSuccess(found -> {
                    running.set(false);
                    groups.setAll(found);
                    int photos = found.stream().mapToInt(List::size).sum();
                    message.set(found.isEmpty() ? "No near-identical photos"
                            : String.format(Locale.ROOT, "%,d groups, %,d photos (cosine ≥ %.2f)", found.size(), photos,
                            threshold));
                })
                .onFailure(error -> {
                    running.set(false);
                    LOG.warn("Cannot look for duplicates", error);
                    message.set("Cannot look for duplicates: " + RelatedViewModel.describe(error));
                }));
    }

    /** Each group's photos in display order, groups in the order of their first photo. */
    public ObservableList<List<Photo>> getGroups() {
        return groupsView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
