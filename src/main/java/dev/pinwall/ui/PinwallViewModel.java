package dev.pinwall.ui;

import dev.pinwall.embed.PipelineSettings;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.store.StoreLocation;
import dev.pinwall.store.VectorStore;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The window's view-model: the folder that is open, the wall of photos and its keyboard cursor, drops, and the
 * model and library in use. It composes the parts the views bind to: {@link StatusViewModel} (status line,
 * notices), {@link ModelsViewModel} (the model selector and downloads), {@link EmbeddingRuns} (background embedding,
 * its progress, Stop and Resume), {@link WallSearch} (which photos the wall shows) and {@link RelatedViewModel} (the
 * Related panel). Everything that touches disk or a model runs through
 * the {@link TaskExecutor}. UI thread only.
 */
public final class PinwallViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PinwallViewModel.class);
    static final int RELATED_COUNT = 12;

    private final TaskExecutor tasks;
    private final EmbedderCatalog catalog;
    private final VectorStore store;
    private final Consumer<Path> onFolderOpened;

    private final ObservableList<Photo> photos = FXCollections.observableArrayList();
    private final ObservableList<Photo> photosView = FXCollections.unmodifiableObservableList(photos);
    private final ObservableMap<Path, String> failures = FXCollections.observableHashMap();
    private final ObservableMap<Path, String> failuresView = FXCollections.unmodifiableObservableMap(failures);
    private final ReadOnlyObjectWrapper<Photo> cursor = new ReadOnlyObjectWrapper<>(this, "cursor");
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>(this, "folder");
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper(this, "opening");
    private final ReadOnlyStringWrapper folderProblem = new ReadOnlyStringWrapper(this, "folderProblem");
    private final WallSearch search;
    private final StatusViewModel status = new StatusViewModel();
    private final ModelsViewModel models;
    private final RelatedViewModel related;
    private final LearnViewModel learning;
    private final EmbeddingRuns runs;
    private final DuplicatesViewModel duplicates;
    private final BoardsViewModel boards;
    private final MapViewModel map;

    private boolean selectPending;
    private Path startFolder;
    private String selectName;
    private EmbedderCatalog.Opened embedder;
    private Library library;
    private int generation;

    /**
     * @param tasks          runs the background work
     * @param ui             runs code on the UI thread ({@code Platform::runLater})
     * @param catalog        the models on offer
     * @param store          where vectors are kept between runs; owned by the caller
     * @param onFolderOpened told each folder that opened (the application remembers it for the next start)
     */
    public PinwallViewModel(TaskExecutor tasks, Executor ui, EmbedderCatalog catalog, VectorStore store,
                            Consumer<Path> onFolderOpened) {
        this.tasks = tasks;
        this.catalog = catalog;
        this.store = store;
        this.onFolderOpened = onFolderOpened;
        this.related = new RelatedViewModel(tasks, failures, RELATED_COUNT);
        // learned projections, boards and maps live next to the store, one per folder and model (a store that could
        // not be opened leaves the window showing why, and nothing is learned or saved)
        Path local = store != null ? store.localFolder() : StoreLocation.defaultFile().getParent();
        this.learning = new LearnViewModel(tasks, ui, related, local.resolve("projections"));
        // the wall shows (and searches) what the boards pick
        this.boards = new BoardsViewModel(tasks, status, photos, local.resolve(dev.pinwall.boards.Boards.FILE_NAME));
        this.search = new WallSearch(boards.getWallPhotos(), tasks);
        this.map = new MapViewModel(tasks, ui, new dev.pinwall.map.MapCache(local.resolve("maps")));
        boards.modeProperty().addListener(obs -> map.setShown(boards.getMode() == BoardsViewModel.Mode.MAP));
        this.models = new ModelsViewModel(tasks, ui, catalog, status);
        this.runs = new EmbeddingRuns(tasks, ui, status, related, failures, () -> library, models::currentName);
        this.duplicates = new DuplicatesViewModel(tasks, () -> library);
        models.onSwitch(this::switchModel);
        // an invalidation listener reads the value back, so it hears every run's report, even an equal one
        runs.lastReportProperty().addListener(obs -> {
            if (runs.lastReportProperty().get() != null) {
                boards.embeddingFinished();
                map.embeddingFinished();
            }
        });
    }

    /** Lists the models, opens {@code modelId} (null: the default) and then the folder. */
    public void start(Path folder, String modelId) {
        status.show("Loading model…");
        opening.set(true);
        startFolder = folder;
        BackgroundTask.wrap(() -> {
                    // The folder is read while the model loads: neither needs the other.
                    CompletableFuture<Library.Scanned> scan = folder == null ? null
                            : CompletableFuture.supplyAsync(() -> scanned(folder));
                    List<ModelChoice> choices = catalog.choices();
                    try {
                        return new Started(choices, catalog.openDefault(modelId), null,
                                scan == null ? null : scan.join());
                    } catch (Exception e) {
                        // the list is still shown, so another model can be picked
                        return new Started(choices, null, e, null);
                    }
                })
                .onSuccess(started -> {
                    models.setChoices(started.choices());
                    if (started.opened() != null) {
                        useEmbedder(started.opened());
                        openFolder(folder, started.scanned());
                        // after the model's notes, which would replace it: a salvaged store must be seen
                        store.salvage().ifPresent(salvage -> status.problemNotice(
                                "Your " + salvage.message().substring(4)));
                    } else {
                        opening.set(false);
                        LOG.error("Cannot load a model", started.error());
                        status.problem("Cannot load a model: " + RelatedViewModel.describe(started.error())
                                + " — pick another one in the toolbar");
                    }
                })
                .onFailure(error -> {
                    opening.set(false);
                    LOG.error("Cannot list the models", error);
                    status.problem("Cannot list the models: " + RelatedViewModel.describe(error));
                })
                .executeWith(tasks);
    }

    /** What start-up found; {@code scanned} is the folder read meanwhile, or null (then it is read on opening). */
    private record Started(List<ModelChoice> choices, EmbedderCatalog.Opened opened, Exception error,
                           Library.Scanned scanned) {
    }

    /** The folder's listing, or null when it cannot be read now (opening it again says why). */
    private static Library.Scanned scanned(Path folder) {
        try {
            return Library.scan(folder);
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
            status.problemNotice("No photo named " + selectName + " in " + folder.get() + "; showing the first one");
        }
        pin(named != null ? named : photos.get(0));
    }

    /** Shows an error that happened outside the view-model (e.g. while starting up). */
    public void reportProblem(String text) {
        LOG.warn(text);
        status.problemNotice(text);
    }

    /** Shows the photos of {@code dir} at once and embeds them in the background. */
    public void openFolder(Path dir) {
        openFolder(dir, null);
    }

    /** {@link #openFolder(Path)} with the folder already read ({@code scanned}), or null to read it now. */
    private void openFolder(Path dir, Library.Scanned scanned) {
        if (embedder == null) {
            status.show("No model is loaded; cannot open " + dir);
            return;
        }
        int myGeneration = ++generation;
        EmbedderCatalog.Opened using = embedder;
        opening.set(true);
        status.show("Opening " + dir + "…");
        BackgroundTask.wrap(() -> {
                    // Library.open says "folder not found: …" itself when the folder is gone.
                    Library opened = scanned != null
                            ? Library.open(scanned, using.embedder(), store, PipelineSettings.defaults())
                            : Library.open(dir, using.embedder(), store);
                    return Map.entry(opened, List.copyOf(opened.photos()));
                })
                .onSuccess(result -> {
                    if (myGeneration != generation) {
                        runs.closeLater(result.getKey());
                        return;
                    }
                    opening.set(false);
                    folderProblem.set(null);
                    replaceLibrary(result.getKey());
                    search.clear();
                    folder.set(dir);
                    failures.clear();
                    related.clear();
                    photos.setAll(result.getValue());
                    cursor.set(null);
                    status.show(String.format(Locale.ROOT, "%s — %,d photos", dir, photos.size()));
                    related.setLibrary(library);
                    learning.setLibrary(library);
                    boards.setLibrary(library);
                    map.setLibrary(library);
                    onFolderOpened.accept(dir);
                    applyPendingSelection();
                    runs.request();
                })
                .onFailure(error -> {
                    if (myGeneration != generation) {
                        return;
                    }
                    opening.set(false);
                    LOG.warn("Cannot open folder {}", dir, error);
                    String text = "Cannot open " + dir + ": " + RelatedViewModel.describe(error);
                    status.problem(text);
                    if (photos.isEmpty()) {
                        // nothing else is on the wall: the error takes its centre, and the banner has nothing to add
                        folderProblem.set(text);
                        status.dismissNotice();
                    } else {
                        status.notice(text);
                    }
                })
                .executeWith(tasks);
    }

    /** Opens {@code choice}, reopens the library with it and embeds what its store does not hold yet. */
    private void switchModel(ModelChoice choice) {
        Path dir = folder.get();
        int myGeneration = ++generation;
        runs.halt();
        opening.set(true);
        status.show("Loading " + choice.displayName() + "…");
        BackgroundTask.wrap(() -> {
                    EmbedderCatalog.Opened opened = catalog.open(choice.id());
                    try {
                        Library reopened = dir == null ? null : Library.open(dir, opened.embedder(), store);
                        return Map.entry(opened, Optional.ofNullable(reopened));
                    } catch (Exception e) {
                        opened.embedder().close();
                        throw e;
                    }
                })
                .onSuccess(result -> {
                    if (myGeneration != generation) {
                        result.getValue().ifPresent(runs::closeLater);
                        runs.closeLater(result.getKey().embedder());
                        return;
                    }
                    opening.set(false);
                    EmbedderCatalog.Opened old = embedder;
                    useEmbedder(result.getKey());
                    if (result.getValue().isPresent()) {
                        replaceLibrary(result.getValue().get());
                    }
                    if (old != null) {
                        runs.retire(old.embedder());
                    }
                    if (dir == null && startFolder != null) {
                        openFolder(startFolder); // the start-up model failed: the folder opens now
                        return;
                    }
                    related.setLibrary(library);
                    learning.setLibrary(library);
                    boards.setLibrary(library);
                    map.setLibrary(library);
                    runs.request();
                })
                .onFailure(error -> {
                    LOG.warn("Cannot load model {}", choice.id(), error);
                    // stays visible while the previous model carries on
                    status.problemNotice("Cannot load " + choice.displayName() + ": "
                            + RelatedViewModel.describe(error));
                    if (myGeneration == generation) {
                        opening.set(false);
                        runs.request(); // the previous model carries on
                    } // else a newer switch or folder is loading: it starts its own run
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
        status.show("Adding " + (paths.size() == 1 ? paths.get(0).getFileName() : paths.size() + " items") + "…");
        BackgroundTask.wrap(() -> lib.add(paths))
                .onSuccess(result -> {
                    if (lib != library) {
                        return;
                    }
                    photos.addAll(result.added());
                    String added = "Added " + photos(result.added().size())
                            + " — files are referenced in place, not copied";
                    status.show(added);
                    status.notice(result.rejected().isEmpty() ? added
                            : added + "\n" + rejectedText(result.rejected()));
                    if (!result.added().isEmpty()) {
                        pin(result.added().get(0));
                        runs.request();
                    }
                })
                .onFailure(error -> {
                    LOG.warn("Cannot add {}", paths, error);
                    status.problem("Cannot add files: " + RelatedViewModel.describe(error));
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

    /**
     * Moves the keyboard cursor by {@code delta} photos of the wall as shown (±1 for left/right, ±columns for
     * up/down).
     */
    public void moveCursor(int delta) {
        List<Photo> shown = search.getShown();
        if (shown.isEmpty()) {
            return;
        }
        int at = cursor.get() == null ? -1 : shown.indexOf(cursor.get());
        int next = at < 0 ? 0 : Math.max(0, Math.min(shown.size() - 1, at + delta));
        cursor.set(shown.get(next));
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
        runs.stop();
    }

    private void useEmbedder(EmbedderCatalog.Opened opened) {
        embedder = opened;
        models.use(opened);
        if (!opened.notes().isEmpty()) {
            LOG.info("Model notes: {}", opened.notes());
            status.notice(String.join("\n", opened.notes()));
        }
    }

    private void replaceLibrary(Library next) {
        Library old = library;
        library = next;
        if (old != null && old != next) {
            runs.halt();
            runs.retire(old);
        }
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

    static String photos(int n) {
        return String.format(Locale.ROOT, n == 1 ? "%,d photo" : "%,d photos", n);
    }

    @Override
    public void close() {
        ++generation;
        runs.halt();
        related.clear();
        learning.setLibrary(null);
        boards.setLibrary(null);
        map.setLibrary(null);
        if (library != null) {
            runs.retire(library);
            library = null;
        }
        if (embedder != null) {
            runs.retire(embedder.embedder());
            embedder = null;
        }
    }

    /** The open library, or null (for tests of the views). */
    Library library() {
        return library;
    }

    /** "Learn from labels" for the open collection. */
    LearnViewModel learning() {
        return learning;
    }

    /** The groups of near-identical photos of the open collection. */
    public DuplicatesViewModel duplicates() {
        return duplicates;
    }

    public RelatedViewModel related() {
        return related;
    }

    /** Boards, the For-you wall and which wall is shown. */
    public BoardsViewModel boards() {
        return boards;
    }

    /** The map of the open collection. */
    public MapViewModel map() {
        return map;
    }

    public StatusViewModel status() {
        return status;
    }

    public ModelsViewModel models() {
        return models;
    }

    public EmbeddingRuns runs() {
        return runs;
    }

    /** The wall's search field and the photos it lets through. */
    public WallSearch search() {
        return search;
    }

    /** Why the folder asked for could not be opened while the wall is empty, or null: the wall's centre says it. */
    public ReadOnlyStringProperty folderProblemProperty() {
        return folderProblem.getReadOnlyProperty();
    }

    /** Every photo of the folder (the wall shows {@link WallSearch#getShown()}). */
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

    public ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }
}
