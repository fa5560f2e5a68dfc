package dev.pinwall.ui;

import dev.pinwall.library.IndexListener;
import dev.pinwall.library.IndexProgress;
import dev.pinwall.library.IndexReport;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The window's state: the wall of photos, the keyboard cursor, background embedding with its progress, the model
 * in use, drops, and the status line. Views bind to its read-only properties and call its commands; everything that
 * touches disk or a model runs through the {@link TaskExecutor}. UI thread only.
 */
public final class PinwallViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PinwallViewModel.class);
    static final int RELATED_COUNT = 12;
    private static final long RELATED_REFRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final TaskExecutor tasks;
    private final Executor ui;
    private final EmbedderCatalog catalog;
    private final EmbeddingStore store;
    private final Consumer<Path> onFolderOpened;

    private final ObservableList<Photo> photos = FXCollections.observableArrayList();
    private final ObservableList<Photo> photosView = FXCollections.unmodifiableObservableList(photos);
    private final ObservableMap<Path, String> failures = FXCollections.observableHashMap();
    private final ObservableMap<Path, String> failuresView = FXCollections.unmodifiableObservableMap(failures);
    private final ReadOnlyObjectWrapper<Photo> cursor = new ReadOnlyObjectWrapper<>(this, "cursor");
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice");
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(this, "opening");
    private final ReadOnlyBooleanWrapper indexing = new ReadOnlyBooleanWrapper(this, "indexing");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyObjectWrapper<IndexReport> lastReport = new ReadOnlyObjectWrapper<>(this, "lastReport");
    private final ObservableList<ModelChoice> models = FXCollections.observableArrayList();
    private final ObservableList<ModelChoice> modelsView = FXCollections.unmodifiableObservableList(models);
    private final ReadOnlyObjectWrapper<ModelChoice> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final RelatedViewModel related;

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private boolean selectPending;
    private Path startFolder;
    private String selectName;
    private EmbedderCatalog.Opened embedder;
    private Library library;
    private IndexRun run;
    private boolean indexWanted;
    private int generation;

    /**
     * @param tasks          runs the background work
     * @param ui             runs code on the UI thread ({@code Platform::runLater})
     * @param catalog        the models on offer
     * @param store          where vectors are kept between runs; owned by the caller
     * @param onFolderOpened told each folder that opened (the application remembers it for the next start)
     */
    public PinwallViewModel(TaskExecutor tasks, Executor ui, EmbedderCatalog catalog, EmbeddingStore store,
                            Consumer<Path> onFolderOpened) {
        this.tasks = tasks;
        this.ui = ui;
        this.catalog = catalog;
        this.store = store;
        this.onFolderOpened = onFolderOpened;
        this.related = new RelatedViewModel(tasks, failures, RELATED_COUNT);
    }

    /** Lists the models, opens {@code modelId} (null: the default) and then the folder. */
    public void start(Path folder, String modelId) {
        status.set("Loading model…");
        opening.set(true);
        startFolder = folder;
        BackgroundTask.wrap(() -> {
                    List<ModelChoice> choices = catalog.choices();
                    try {
                        return new Started(choices, catalog.openDefault(modelId), null);
                    } catch (Exception e) {
                        // the list is still shown, so another model can be picked
                        return new Started(choices, null, e);
                    }
                })
                .onSuccess(started -> {
                    models.setAll(started.choices());
                    if (started.opened() != null) {
                        useEmbedder(started.opened());
                        openFolder(folder);
                    } else {
                        opening.set(false);
                        LOG.error("Cannot load a model", started.error());
                        problem("Cannot load a model: " + RelatedViewModel.describe(started.error())
                                + " — pick another one in the toolbar");
                    }
                })
                .onFailure(error -> {
                    opening.set(false);
                    LOG.error("Cannot list the models", error);
                    problem("Cannot list the models: " + RelatedViewModel.describe(error));
                })
                .executeWith(tasks);
    }

    private record Started(List<ModelChoice> choices, EmbedderCatalog.Opened opened, Exception error) {
    }

    /**
     * Pins a photo as soon as the next folder has opened: the one named {@code fileName}, or the first photo when
     * {@code fileName} is null.
     */
    public void selectWhenOpened(String fileName) {
        selectPending = true;
        selectName = fileName;
    }

    private void applyPendingSelection() {
        if (!selectPending) {
            return;
        }
        selectPending = false;
        if (photos.isEmpty()) {
            return;
        }
        Photo named = photos.stream().filter(p -> p.name().equals(selectName)).findFirst().orElse(null);
        if (selectName != null && named == null) {
            problem("No photo named " + selectName + " in " + folder.get() + "; showing the first one");
            notice.set(problem.get());
        }
        pin(named != null ? named : photos.get(0));
    }

    /** Shows an error that happened outside the view-model (e.g. while starting up). */
    public void reportProblem(String text) {
        LOG.warn(text);
        problem(text);
        notice.set(text);
    }

    private void problem(String text) {
        problem.set(text);
        status.set(text);
    }

    /** Shows the photos of {@code dir} at once and embeds them in the background. */
    public void openFolder(Path dir) {
        if (embedder == null) {
            status.set("No model is loaded; cannot open " + dir);
            return;
        }
        int myGeneration = ++generation;
        EmbedderCatalog.Opened using = embedder;
        opening.set(true);
        status.set("Opening " + dir + "…");
        BackgroundTask.wrap(() -> {
                    // Library.open says "folder not found: …" itself when the folder is gone.
                    Library opened = Library.open(dir, using.embedder(), store);
                    return Map.entry(opened, List.copyOf(opened.photos()));
                })
                .onSuccess(result -> {
                    if (myGeneration != generation) {
                        closeLater(result.getKey());
                        return;
                    }
                    opening.set(false);
                    replaceLibrary(result.getKey());
                    folder.set(dir);
                    failures.clear();
                    related.clear();
                    photos.setAll(result.getValue());
                    cursor.set(null);
                    status.set(String.format(Locale.ROOT, "%s — %,d photos", dir, photos.size()));
                    related.setLibrary(library);
                    onFolderOpened.accept(dir);
                    applyPendingSelection();
                    requestIndex();
                })
                .onFailure(error -> {
                    if (myGeneration == generation) {
                        opening.set(false);
                    }
                    LOG.warn("Cannot open folder {}", dir, error);
                    problem("Cannot open " + dir + ": " + RelatedViewModel.describe(error));
                })
                .executeWith(tasks);
    }

    /** Switches the model: reopens the library with it and embeds what its store does not hold yet. */
    public void selectModel(ModelChoice choice) {
        if (choice == null || (model.get() != null && model.get().id().equals(choice.id()))) {
            return;
        }
        if (!choice.available()) {
            status.set(choice.displayName() + " is not available: " + choice.reason());
            return;
        }
        Path dir = folder.get();
        int myGeneration = ++generation;
        stopIndexing();
        opening.set(true);
        status.set("Loading " + choice.displayName() + "…");
        BackgroundTask.wrap(() -> {
                    EmbedderCatalog.Opened opened = catalog.open(choice.id());
                    try {
                        Library reopened = dir == null ? null : Library.open(dir, opened.embedder(), store);
                        return Map.entry(opened, java.util.Optional.ofNullable(reopened));
                    } catch (Exception e) {
                        opened.embedder().close();
                        throw e;
                    }
                })
                .onSuccess(result -> {
                    if (myGeneration != generation) {
                        result.getValue().ifPresent(this::closeLater);
                        closeLater(result.getKey().embedder());
                        return;
                    }
                    opening.set(false);
                    EmbedderCatalog.Opened old = embedder;
                    useEmbedder(result.getKey());
                    if (result.getValue().isPresent()) {
                        replaceLibrary(result.getValue().get());
                    }
                    if (old != null) {
                        retire(old.embedder());
                    }
                    if (dir == null && startFolder != null) {
                        openFolder(startFolder); // the start-up model failed: the folder opens now
                        return;
                    }
                    related.setLibrary(library);
                    requestIndex();
                })
                .onFailure(error -> {
                    if (myGeneration == generation) {
                        opening.set(false);
                    }
                    LOG.warn("Cannot load model {}", choice.id(), error);
                    problem("Cannot load " + choice.displayName() + ": " + RelatedViewModel.describe(error));
                    notice.set(problem.get()); // stays visible while the previous model carries on
                    requestIndex(); // the previous model carries on
                })
                .executeWith(tasks);
    }

    /**
     * Adds dropped files or folders by reference: shows them on the wall, embeds them in the background and shows
     * what the first one resembles. Files that are not usable images are listed with the reason.
     */
    public void addFiles(List<Path> paths) {
        Library lib = library;
        if (lib == null || paths.isEmpty()) {
            return;
        }
        status.set("Adding " + (paths.size() == 1 ? paths.get(0).getFileName() : paths.size() + " items") + "…");
        BackgroundTask.wrap(() -> lib.add(paths))
                .onSuccess(result -> {
                    if (lib != library) {
                        return;
                    }
                    photos.addAll(result.added());
                    String added = "Added " + photos(result.added().size())
                            + " — files are referenced in place, not copied";
                    status.set(added);
                    notice.set(result.rejected().isEmpty() ? added : added + "\n" + rejectedText(result.rejected()));
                    if (!result.added().isEmpty()) {
                        Photo first = result.added().get(0);
                        pin(first);
                        requestIndex();
                    }
                })
                .onFailure(error -> {
                    LOG.warn("Cannot add {}", paths, error);
                    problem("Cannot add files: " + RelatedViewModel.describe(error));
                })
                .executeWith(tasks);
    }

    /** Queries with an image that is not added to the collection. */
    public void showSimilarTo(Path image) {
        related.showSimilarTo(image);
    }

    /** Makes {@code photo} the pin and fills the Related panel. */
    public void pin(Photo photo) {
        cursor.set(photo);
        related.show(photo);
    }

    /** Moves the keyboard cursor by {@code delta} photos (±1 for left/right, ±columns for up/down). */
    public void moveCursor(int delta) {
        if (photos.isEmpty()) {
            return;
        }
        int at = cursor.get() == null ? -1 : photos.indexOf(cursor.get());
        int next = at < 0 ? 0 : Math.max(0, Math.min(photos.size() - 1, at + delta));
        cursor.set(photos.get(next));
    }

    /** Pins the photo under the keyboard cursor. */
    public void openCursor() {
        if (cursor.get() != null) {
            related.show(cursor.get());
        }
    }

    public void back() {
        related.back();
        syncCursor();
    }

    public void forward() {
        related.forward();
        syncCursor();
    }

    private void syncCursor() {
        if (related.getPin() != null) {
            cursor.set(related.getPin());
        }
    }

    /** Stops the embedding run; what is already embedded stays. */
    public void cancelIndexing() {
        stopIndexing();
    }

    public void dismissNotice() {
        notice.set(null);
    }

    /** Starts an indexing run now, or once the running one has stopped (two runs never share a library). */
    private void requestIndex() {
        if (run != null) {
            indexWanted = true;
            run.task.cancel();
            return;
        }
        Library lib = library;
        if (lib == null) {
            return;
        }
        indexWanted = false;
        IndexRun thisRun = new IndexRun(lib);
        run = thisRun;
        indexing.set(true);
        progress.set(-1);
        progressText.set("Preparing…");
        thisRun.task = BackgroundTask.wrap(cancellation -> lib.index(thisRun.listener, cancellation))
                .onSuccess(report -> {
                    thisRun.listener.drain();
                    report.failed().forEach(failures::putIfAbsent);
                    lastReport.set(report);
                    status.set(summary(report));
                    // the panel may have been filled while only part of the collection had vectors
                    related.refresh();
                })
                .onCancelled(() -> {
                    thisRun.listener.drain();
                    if (!indexWanted) {
                        status.set("Embedding stopped — " + progressText.get());
                    }
                })
                .onFailure(error -> {
                    LOG.error("Embedding failed", error);
                    problem("Embedding failed: " + RelatedViewModel.describe(error));
                })
                .onFinished(() -> {
                    run = null;
                    indexing.set(false);
                    thisRun.afterStop.forEach(this::closeLater);
                    if (indexWanted) {
                        requestIndex();
                    }
                });
        tasks.execute(thisRun.task);
    }

    private void stopIndexing() {
        indexWanted = false;
        if (run != null) {
            run.task.cancel();
        }
    }

    private String summary(IndexReport report) {
        String text = String.format(Locale.ROOT, "%,d photos embedded with %s (%,d new, %,d from cache)",
                report.indexed(), model.get() == null ? "the model" : model.get().displayName(),
                report.added(), report.cached());
        if (!report.failed().isEmpty()) {
            text += String.format(Locale.ROOT, "; %,d could not be read", report.failed().size());
        }
        if (report.added() > 0 && report.imagesPerSecond() > 0) {
            text += String.format(Locale.ROOT, " — %.1f images/s", report.imagesPerSecond());
        }
        return text;
    }

    private void useEmbedder(EmbedderCatalog.Opened opened) {
        embedder = opened;
        ModelChoice chosen = models.stream().filter(m -> m.id().equals(opened.choiceId())).findFirst()
                .orElseGet(() -> new ModelChoice(opened.choiceId(), opened.embedder().info().displayName(), true, ""));
        if (!models.contains(chosen)) {
            models.add(chosen);
        }
        model.set(chosen);
        if (!opened.notes().isEmpty()) {
            LOG.info("Model notes: {}", opened.notes());
            notice.set(String.join("\n", opened.notes()));
        }
    }

    private void replaceLibrary(Library next) {
        Library old = library;
        library = next;
        if (old != null && old != next) {
            stopIndexing();
            retire(old);
        }
    }

    /** Closes {@code resource} once the run using it has stopped, or now when none is running. */
    private void retire(AutoCloseable resource) {
        if (run != null) {
            run.afterStop.add(resource);
        } else {
            closeLater(resource);
        }
    }

    private void closeLater(AutoCloseable resource) {
        BackgroundTask.wrap(() -> {
            resource.close();
            return null;
        }).onFailure(error -> LOG.warn("Closing {} failed", resource, error)).executeWith(tasks);
    }

    private static String rejectedText(Map<Path, String> rejected) {
        LOG.info("Rejected dropped files: {}", rejected);
        String lines = rejected.entrySet().stream().limit(8)
                .map(e -> "• " + e.getKey().getFileName() + " — " + e.getValue())
                .collect(Collectors.joining("\n"));
        if (rejected.size() > 8) {
            lines += "\n… and " + (rejected.size() - 8) + " more";
        }
        return "Not added:\n" + lines;
    }

    private static String describeProgress(IndexProgress p) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d / %,d", p.done(), p.total()));
        if (p.imagesPerSecond() > 0) {
            text.append(String.format(Locale.ROOT, " · %.1f img/s", p.imagesPerSecond()));
        }
        if (p.timeLeft() != null && p.done() < p.total()) {
            text.append(" · ").append(describe(p.timeLeft())).append(" left");
        }
        return text.toString();
    }

    static String photos(int n) {
        return String.format(Locale.ROOT, n == 1 ? "%,d photo" : "%,d photos", n);
    }

    static String describe(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** One indexing run: its task, the resources to close when it stops, and its listener. */
    private final class IndexRun {
        final Library library;
        final List<AutoCloseable> afterStop = new ArrayList<>();
        final RunListener listener = new RunListener(this);
        BackgroundTask<IndexReport> task;

        IndexRun(Library library) {
            this.library = library;
        }
    }

    /**
     * Hears a run on worker threads and hands its events to the UI thread in batches, so 44,000 photos do not
     * mean 44,000 separate UI updates.
     */
    private final class RunListener implements IndexListener {
        private final IndexRun owner;
        private final AtomicReference<IndexProgress> latest = new AtomicReference<>();
        private final ConcurrentLinkedQueue<Photo> embedded = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Map.Entry<Photo, String>> failed = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private int sinceRefresh;
        private long lastRefresh = System.nanoTime();

        RunListener(IndexRun owner) {
            this.owner = owner;
        }

        @Override
        public void onProgress(IndexProgress p) {
            latest.set(p);
            schedule();
        }

        @Override
        public void onEmbedded(Photo photo) {
            embedded.add(photo);
            schedule();
        }

        @Override
        public void onFailed(Photo photo, String reason) {
            failed.add(Map.entry(photo, reason));
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                ui.execute(this::drain);
            }
        }

        /** UI thread: applies what arrived since the last drain, unless the run has been superseded. */
        void drain() {
            scheduled.set(false);
            boolean current = run == owner && owner.library == library;
            IndexProgress p = latest.getAndSet(null);
            if (current && p != null) {
                progress.set(p.total() == 0 ? -1 : p.fraction());
                progressText.set(describeProgress(p));
            }
            Map<Path, String> newFailures = new LinkedHashMap<>();
            for (Map.Entry<Photo, String> f; (f = failed.poll()) != null; ) {
                newFailures.put(f.getKey().path(), f.getValue());
                if (current) {
                    related.photoFailed(f.getKey(), f.getValue());
                }
            }
            if (current) {
                failures.putAll(newFailures);
            }
            int arrived = 0;
            for (Photo photo; (photo = embedded.poll()) != null; ) {
                arrived++;
                if (current) {
                    related.photoEmbedded(photo);
                }
            }
            // a panel filled early in a long run only saw part of the collection: refresh it now and then
            sinceRefresh += arrived;
            long now = System.nanoTime();
            if (current && sinceRefresh > 0 && now - lastRefresh > RELATED_REFRESH_NANOS
                    && (related.getState() == RelatedViewModel.State.READY
                    || related.getState() == RelatedViewModel.State.NOTHING_FOUND)) {
                sinceRefresh = 0;
                lastRefresh = now;
                related.refresh();
            }
        }
    }

    @Override
    public void close() {
        ++generation;
        stopIndexing();
        related.clear();
        if (library != null) {
            retire(library);
            library = null;
        }
        if (embedder != null) {
            retire(embedder.embedder());
            embedder = null;
        }
    }

    public RelatedViewModel related() {
        return related;
    }

    public ObservableList<Photo> getPhotos() {
        return photosView;
    }

    public ObservableMap<Path, String> getFailures() {
        return failuresView;
    }

    public ReadOnlyObjectProperty<Photo> cursorProperty() {
        return cursor.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public String getNotice() {
        return notice.get();
    }

    /** The latest error shown to the user, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty indexingProperty() {
        return indexing.getReadOnlyProperty();
    }

    public boolean isIndexing() {
        return indexing.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IndexReport> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }

    public ObservableList<ModelChoice> getModels() {
        return modelsView;
    }

    public ReadOnlyObjectProperty<ModelChoice> modelProperty() {
        return model.getReadOnlyProperty();
    }
}
