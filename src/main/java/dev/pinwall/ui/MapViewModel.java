package dev.pinwall.ui;

import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.map.MapCache;
import dev.pinwall.map.MapProjection;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.TaskExecutor;
import dev.pinwall.task.TaskSlot;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The map of the open collection: every embedded photo placed by {@link MapProjection} (PCA), fitted in the
 * background with progress when the map is first shown and kept in a {@link MapCache} per collection and model, so a
 * reopened folder is placed at once. Photos embedded later are placed with the same fit. UI thread only.
 */
public final class MapViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(MapViewModel.class);

    /** Where each photo lies: {@code x[i], y[i]} is {@code photos.get(i)}'s place. */
    public record Points(List<Photo> photos, float[] x, float[] y) {
    }

    private final TaskSlot slot;
    private final Executor ui;
    private final MapCache cache;
    private final ReadOnlyObjectWrapper<Points> points = new ReadOnlyObjectWrapper<>(this, "points");
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper(this, "computing");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private Library library;
    private boolean shown;
    private int generation;

    MapViewModel(TaskExecutor tasks, Executor ui, MapCache cache) {
        this.slot = new TaskSlot(tasks);
        this.ui = ui;
        this.cache = cache;
    }

    void setLibrary(Library library) {
        this.library = library;
        points.set(null);
        refresh();
    }

    /** The map is on screen (or not): it is computed only while shown. */
    void setShown(boolean shown) {
        this.shown = shown;
        if (shown && points.get() == null && !computing.get()) {
            refresh();
        }
    }

    /** An embedding run ended: new photos are placed. */
    void embeddingFinished() {
        refresh();
    }

    private void refresh() {
        Library lib = library;
        int mine = ++generation;
        if (lib == null || !shown) {
            slot.cancel();
            computing.set(false);
            return;
        }
        computing.set(true);
        progress.set(-1);
        message.set("Placing the photos…");
        slot.replace(BackgroundTask.wrap(cancellation -> {
                    Library.Embedded embedded = lib.embedded();
                    int rows = embedded.hashes().size();
                    if (rows < 3) {
                        return null;
                    }
                    String collection = lib.folder().toString();
                    String storeKey = lib.embedderInfo().storeKey();
                    MapProjection.Fit fit = cache.load(collection, storeKey, embedded.vectors().dimension())
                            .orElse(null);
                    if (fit == null) {
                        long started = System.nanoTime();
                        fit = MapProjection.fit(embedded.vectors(), rows, storeKey,
                                share -> ui.execute(() -> {
                                    if (mine == generation) {
                                        progress.set(share);
                                    }
                                }), cancellation);
                        LOG.info("Fitted the map of {} photos in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
                        try {
                            cache.save(collection, fit);
                        } catch (IOException e) {
                            LOG.warn("Cannot keep the map: {}; it will be fitted again next time", e.getMessage());
                        }
                    }
                    float[] x = new float[rows];
                    float[] y = new float[rows];
                    for (int r = 0; r < rows; r++) {
                        float[] place = fit.place(embedded.vectors().vector(r));
                        x[r] = place[0];
                        y[r] = place[1];
                    }
                    return new Points(embedded.photos(), x, y);
                })
                .onSuccess(placed -> {
                    points.set(placed);
                    message.set(placed == null ? "The map needs at least three embedded photos" : null);
                })
                .onFailure(error -> {
                    LOG.warn("Cannot draw the map", error);
                    message.set("Cannot draw the map: " + RelatedViewModel.describe(error));
                })
                .onFinished(() -> {
                    if (mine == generation) {
                        computing.set(false);
                    }
                }));
    }

    /** The placed photos, or null until placed. */
    public ReadOnlyObjectProperty<Points> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty computingProperty() {
        return computing.getReadOnlyProperty();
    }

    /** How far the fit is, 0–1, or -1 before it starts. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What the map says instead of points (placing, too few photos, an error), or null. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
