package dev.pinwall.ui;

import dev.pinwall.duplicates.DuplicateFinder;
import dev.pinwall.labels.LabelSuggestions;
import dev.pinwall.library.AutoLabels;
import dev.pinwall.library.Library;
import dev.pinwall.library.Match;
import dev.pinwall.library.NearDuplicates;
import dev.pinwall.library.Photo;
import dev.pinwall.library.RelatedQuery;
import dev.pinwall.metadata.ProductInfo;
import dev.pinwall.similarity.SimilarityMode;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.TaskExecutor;
import dev.pinwall.task.TaskSlot;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Related panel: the pin, its most similar photos, and the pin history for Back and Forward.
 * A new pin cancels a query still running, so only the latest answer is shown. UI thread only.
 */
public final class RelatedViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(RelatedViewModel.class);

    /** What the panel is showing. */
    public enum State { EMPTY, SEARCHING, NOT_EMBEDDED, READY, NOTHING_FOUND, FAILED }

    static final String NOT_EMBEDDED_MESSAGE = "Not embedded yet — will fill in when ready";

    private final TaskSlot queries;
    private final ObservableMap<Path, String> failures;
    private final int k;
    private final ReadOnlyObjectWrapper<Photo> pin = new ReadOnlyObjectWrapper<>(this, "pin");
    private final ReadOnlyObjectWrapper<Path> outsideImage = new ReadOnlyObjectWrapper<>(this, "outsideImage");
    private final ObservableList<Match> matches = FXCollections.observableArrayList();
    private final ObservableList<Match> matchesView = FXCollections.unmodifiableObservableList(matches);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.EMPTY);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message",
            "Click a photo to see related ones");
    private final BooleanProperty sameType = new SimpleBooleanProperty(this, "sameType");
    private final BooleanProperty sameGender = new SimpleBooleanProperty(this, "sameGender");
    private final BooleanProperty sameColour = new SimpleBooleanProperty(this, "sameColour");
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack");
    private final ReadOnlyBooleanWrapper canGoForward = new ReadOnlyBooleanWrapper(this, "canGoForward");
    private final Deque<Photo> backStack = new ArrayDeque<>();
    private final Deque<Photo> forwardStack = new ArrayDeque<>();
    private final BooleanBinding facetsAvailable;
    private final ObjectProperty<SimilarityMode> similarity =
            new SimpleObjectProperty<>(this, "similarity", SimilarityMode.COLLECTION);
    private final ReadOnlyStringWrapper similarityNote = new ReadOnlyStringWrapper(this, "similarityNote", "");
    private final BooleanProperty hideDuplicates = new SimpleBooleanProperty(this, "hideDuplicates");
    private final ReadOnlyObjectWrapper<LabelSuggestions> suggestions =
            new ReadOnlyObjectWrapper<>(this, "suggestions", LabelSuggestions.none());
    private final TaskExecutor tasks;
    private Library library;
    /** The similarity asked for last: the one a library gets, whichever similarity task runs last. */
    private volatile SimilarityMode wantedSimilarity = SimilarityMode.COLLECTION;
    private final Object similarityLock = new Object();
    private int similarityGeneration;

    RelatedViewModel(TaskExecutor tasks, ObservableMap<Path, String> failures, int k) {
        this.queries = new TaskSlot(tasks);
        this.tasks = tasks;
        this.failures = failures;
        this.k = k;
        this.facetsAvailable = Bindings.createBooleanBinding(
                () -> pin.get() != null && pin.get().info() != null, pin);
        sameType.addListener((obs, was, is) -> refresh());
        sameGender.addListener((obs, was, is) -> refresh());
        sameColour.addListener((obs, was, is) -> refresh());
        similarity.addListener((obs, was, is) -> applySimilarity());
        hideDuplicates.addListener((obs, was, is) -> refresh());
    }

    /** Makes {@code photo} the pin, remembering the previous one for Back. */
    public void show(Photo photo) {
        Objects.requireNonNull(photo);
        if (photo.equals(pin.get()) && outsideImage.get() == null) {
            refresh(); // clicking the pin again retries, e.g. after an error
            return;
        }
        remember();
        forwardStack.clear();
        pin(photo);
    }

    /** Shows the photos most like an image that is not in the collection (and is not added to it). */
    public void showSimilarTo(Path image) {
        remember();
        forwardStack.clear();
        pin.set(null);
        outsideImage.set(image);
        updateHistory();
        query();
    }

    public void back() {
        if (!backStack.isEmpty()) {
            if (pin.get() != null) {
                forwardStack.push(pin.get());
            }
            pin(backStack.pop());
        }
    }

    public void forward() {
        if (!forwardStack.isEmpty()) {
            if (pin.get() != null) {
                backStack.push(pin.get());
            }
            pin(forwardStack.pop());
        }
    }

    /** Runs the query again, e.g. after a facet changed or the library was reopened with another model. */
    public void refresh() {
        if (pin.get() != null || outsideImage.get() != null) {
            query();
        }
    }

    /** Called as photos get their vectors: fills the panel when it was waiting for this one. */
    void photoEmbedded(Photo photo) {
        if (state.get() == State.NOT_EMBEDDED && photo.equals(pin.get())) {
            query();
        }
    }

    /** Called when a photo cannot be embedded: a panel waiting for it says why instead. */
    void photoFailed(Photo photo, String reason) {
        if (state.get() == State.NOT_EMBEDDED && photo.equals(pin.get())) {
            fail("Cannot compare this photo: " + reason);
        }
    }

    /** The library queries go to; a new one (another folder or model) refreshes the panel. */
    void setLibrary(Library library) {
        this.library = library;
        applySimilarity();
    }

    /**
     * Gives the library the chosen similarity (off the UI thread: the library may be busy linking photos), then runs
     * the query again and says when the collection cannot use it yet.
     */
    private void applySimilarity() {
        Library lib = library;
        wantedSimilarity = similarity.get() == null ? SimilarityMode.COLLECTION : similarity.get();
        if (lib == null) {
            return;
        }
        int mine = ++similarityGeneration;
        BackgroundTask.wrap(() -> {
                    // the latest choice, not the one of this task: tasks may run in any order on the workers
                    synchronized (similarityLock) {
                        lib.setSimilarityMode(wantedSimilarity);
                        return describeSimilarity(lib);
                    }
                })
                .onSuccess(note -> {
                    if (lib == library && mine == similarityGeneration) {
                        similarityNote.set(note);
                        refresh();
                    }
                })
                .onFailure(error -> LOG.warn("Cannot set the similarity", error))
                .executeWith(tasks);
    }

    /** Empty when the library ranks as chosen; else why not yet. Queries the library: not on the UI thread. */
    static String describeSimilarity(Library lib) {
        if (lib.similarityMode() == SimilarityMode.PLAIN || lib.effectiveMode() != SimilarityMode.PLAIN) {
            return "";
        }
        return lib.photos().size() < Library.MIN_FIT_ROWS
                ? "Plain for now: fewer than " + Library.MIN_FIT_ROWS + " photos"
                : "Plain until the collection is fitted";
    }

    /** Forgets the pin and history (another folder was opened). */
    void clear() {
        queries.cancel();
        backStack.clear();
        forwardStack.clear();
        pin.set(null);
        outsideImage.set(null);
        matches.clear();
        suggestions.set(LabelSuggestions.none());
        updateHistory();
        state.set(State.EMPTY);
        message.set("Click a photo to see related ones");
    }

    private void remember() {
        if (pin.get() != null) {
            backStack.push(pin.get());
        }
    }

    private void pin(Photo photo) {
        outsideImage.set(null);
        pin.set(photo);
        updateHistory();
        query();
    }

    private void updateHistory() {
        canGoBack.set(!backStack.isEmpty());
        canGoForward.set(!forwardStack.isEmpty());
    }

    private void query() {
        Library lib = library;
        Photo photo = pin.get();
        Path outside = outsideImage.get();
        if (lib == null) {
            queries.cancel();
            matches.clear();
            state.set(State.SEARCHING);
            message.set("Opening the collection…");
            return;
        }
        if (photo != null && failures.containsKey(photo.path())) {
            queries.cancel();
            fail("Cannot compare this photo: " + failures.get(photo.path()));
            return;
        }
        boolean collapse = hideDuplicates.get();
        // with duplicates hidden, ask for more so that the panel still fills once copies are dropped
        RelatedQuery request = withFacets(RelatedQuery.top(collapse ? 3 * k : k), photo);
        state.set(State.SEARCHING);
        message.set("Finding related photos…");
        suggestions.set(LabelSuggestions.none()); // never another pin's
        queries.replace(BackgroundTask.wrap(() -> {
                    Optional<List<Match>> found = photo != null
                            ? lib.related(photo, request)
                            : Optional.of(lib.similarTo(outside, request));
                    if (collapse) {
                        found = found.map(list -> NearDuplicates.firstOfEach(lib, photo, list,
                                DuplicateFinder.DEFAULT_THRESHOLD).stream().limit(k).toList());
                    }
                    return new Answer(found, describeSimilarity(lib), suggest(lib, photo, outside));
                })
                .onSuccess(answer -> {
                    similarityNote.set(answer.note());
                    suggestions.set(answer.suggestions());
                    showResult(answer.matches());
                })
                .onFailure(error -> {
                    LOG.warn("Related query failed for {}", photo != null ? photo.path() : outside, error);
                    fail("Cannot find related photos: " + describe(error));
                }));
    }

    private record Answer(Optional<List<Match>> matches, String note, LabelSuggestions suggestions) {
    }

    /**
     * Labels for a pin that has none (or an outside image), voted by its labelled neighbours; nothing when it has
     * labels or the collection has none. Queries the library: not on the UI thread.
     */
    private static LabelSuggestions suggest(Library lib, Photo photo, Path outside) throws Exception {
        if (photo != null && photo.info() != null || !AutoLabels.available(lib)) {
            return LabelSuggestions.none();
        }
        return photo != null ? AutoLabels.forPhoto(lib, photo).orElse(LabelSuggestions.none())
                : AutoLabels.forImage(lib, outside);
    }

    private void showResult(Optional<List<Match>> result) {
        if (result.isEmpty()) {
            matches.clear();
            state.set(State.NOT_EMBEDDED);
            message.set(NOT_EMBEDDED_MESSAGE);
            return;
        }
        matches.setAll(result.get());
        if (result.get().isEmpty()) {
            state.set(State.NOTHING_FOUND);
            message.set(anyFacet() ? "Nothing related matches these filters" : "No related photos yet");
        } else {
            state.set(State.READY);
            message.set(outsideImage.get() != null
                    ? "Like " + outsideImage.get().getFileName() + " (not added)"
                    : result.get().size() + " related");
        }
    }

    private void fail(String text) {
        matches.clear();
        state.set(State.FAILED);
        message.set(text);
    }

    private boolean anyFacet() {
        return sameType.get() || sameGender.get() || sameColour.get();
    }

    /**
     * Facet toggles become required labels, the pin's own (a store that searches itself filters by them before its
     * search); photos without labels never pass an active facet, and a label the pin lacks narrows nothing.
     */
    private RelatedQuery withFacets(RelatedQuery request, Photo photo) {
        ProductInfo info = photo == null ? null : photo.info();
        if (info == null) {
            return request;
        }
        for (String column : activeFacets()) {
            String wanted = info.label(column);
            if (!wanted.isBlank()) {
                request = request.withLabel(column, wanted);
            }
        }
        return request;
    }

    private List<String> activeFacets() {
        List<String> columns = new java.util.ArrayList<>();
        if (sameType.get()) {
            columns.add("articleType");
        }
        if (sameGender.get()) {
            columns.add("gender");
        }
        if (sameColour.get()) {
            columns.add("baseColour");
        }
        return columns;
    }

    static String describe(Throwable error) {
        String text = error.getMessage();
        return text == null || text.isBlank() ? error.getClass().getSimpleName() : text;
    }

    public ReadOnlyObjectProperty<Photo> pinProperty() {
        return pin.getReadOnlyProperty();
    }

    public Photo getPin() {
        return pin.get();
    }

    public ReadOnlyObjectProperty<Path> outsideImageProperty() {
        return outsideImage.getReadOnlyProperty();
    }

    public ObservableList<Match> getMatches() {
        return matchesView;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State getState() {
        return state.get();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String getMessage() {
        return message.get();
    }

    public BooleanProperty sameTypeProperty() {
        return sameType;
    }

    public BooleanProperty sameGenderProperty() {
        return sameGender;
    }

    public BooleanProperty sameColourProperty() {
        return sameColour;
    }

    /** How related photos are ranked: {@link SimilarityMode#COLLECTION} (default) or {@link SimilarityMode#PLAIN}. */
    public ObjectProperty<SimilarityMode> similarityProperty() {
        return similarity;
    }

    /** Empty, or why the chosen similarity is not in use yet (e.g. too few photos). */
    public ReadOnlyStringProperty similarityNoteProperty() {
        return similarityNote.getReadOnlyProperty();
    }

    /** Shows one photo of each group of near-duplicates (and none of the pin's own copies). */
    public BooleanProperty hideDuplicatesProperty() {
        return hideDuplicates;
    }

    /** Labels suggested for a pin without labels (empty otherwise), with their confidence. */
    public ReadOnlyObjectProperty<LabelSuggestions> suggestionsProperty() {
        return suggestions.getReadOnlyProperty();
    }

    public BooleanBinding facetsAvailableBinding() {
        return facetsAvailable;
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }
}
