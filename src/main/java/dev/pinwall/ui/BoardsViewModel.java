package dev.pinwall.ui;

import dev.pinwall.boards.Board;
import dev.pinwall.boards.Boards;
import dev.pinwall.boards.ForYou;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.task.BackgroundTask;
import dev.pinwall.task.TaskExecutor;
import dev.pinwall.task.TaskSlot;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Boards and what the wall shows: every photo, the For-you ordering, a board as its own wall, "more like this board",
 * or the map. Pins are saved by content hash ({@link Boards}, a file in the store's local folder), so a photo can be
 * saved once it is embedded. The For-you wall is ranked by the core's {@link ForYou} in the background and updated
 * after each save; a new ranking cancels the one in flight. UI thread only.
 */
public final class BoardsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(BoardsViewModel.class);
    /** The board {@code --save}, the pin button and S use until another board is opened or saved to. */
    static final String DEFAULT_BOARD = "Saved";

    /** What the wall shows. */
    public enum Mode { ALL, FOR_YOU, BOARD, MORE_LIKE_BOARD, MAP }

    private final TaskExecutor tasks;
    private final StatusViewModel status;
    private final Path file;
    private final ObservableList<Photo> photos;
    private final ObservableList<Photo> wall = FXCollections.observableArrayList();
    private final ObservableList<Board> boardList = FXCollections.observableArrayList();
    private final ObservableSet<String> saved = FXCollections.observableSet(new HashSet<>());
    /**
     * One read-only view for every listener: an unmodifiable wrapper listens to {@link #saved} only weakly, so a
     * wrapper made per call is collected with the listeners added to it, and cells stop hearing about saves.
     */
    private final ObservableSet<String> savedView = FXCollections.unmodifiableObservableSet(saved);
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(this, "mode", Mode.ALL);
    private final ReadOnlyStringWrapper openBoard = new ReadOnlyStringWrapper(this, "openBoard");
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper(this, "target", DEFAULT_BOARD);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ReadOnlyStringWrapper startProblem = new ReadOnlyStringWrapper(this, "startProblem");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", true);
    private final TaskSlot ranking;
    private Boards boards;
    private Library library;
    private boolean embedded;
    private List<String> pendingSaves = List.of();
    private int writes;
    private boolean loaded;
    private boolean rankingNow;
    private int rankGeneration;
    /** The ranking of the last library snapshot, reused while no photo has been embedded since. */
    private volatile Cached cached;

    private record Cached(Library library, ForYou forYou) {
    }

    /** What a background ranking hands back: the wall's photos and what it says about them (or null). */
    private record Shown(List<Photo> photos, String message, long millis) {
    }

    /**
     * @param photos every photo of the open folder (the wall shows them in {@link Mode#ALL})
     * @param file   where the boards are kept ({@code localFolder/boards.properties})
     */
    BoardsViewModel(TaskExecutor tasks, StatusViewModel status, ObservableList<Photo> photos, Path file) {
        this.tasks = tasks;
        this.status = status;
        this.photos = photos;
        this.file = file;
        this.ranking = new TaskSlot(tasks);
        photos.addListener((ListChangeListener<Photo>) change -> refresh());
        BackgroundTask.wrap(() -> Boards.open(file))
                .onSuccess(opened -> {
                    boards = opened;
                    loaded = true;
                    showBoards();
                    settle();
                    applyPendingSaves();
                })
                .onFailure(error -> {
                    // never overwrite a file that could not be read: saving stays off
                    LOG.warn("Cannot read the boards at {}", file, error);
                    status.problemNotice("Cannot read your boards at " + file + ": "
                            + RelatedViewModel.describe(error) + " — saving to boards is off");
                    loaded = true;
                    settle();
                })
                .executeWith(tasks);
    }

    /** The library whose photos the wall shows, or null; the wall is ranked again for it. */
    void setLibrary(Library library) {
        this.library = library;
        this.embedded = false;
        cached = null;
        refresh();
    }

    /** An embedding run ended: saved pins can now be found by content, and the For-you wall covers the new photos. */
    void embeddingFinished() {
        embedded = true;
        applyPendingSaves();
        refresh();
    }

    /** Saves the photos named (file names in the folder) to {@value #DEFAULT_BOARD} once the folder is embedded. */
    void saveWhenEmbedded(List<String> fileNames) {
        pendingSaves = List.copyOf(fileNames);
        busy.set(true);
    }

    /** Shows every photo in folder order. */
    public void showAll() {
        show(Mode.ALL, null);
    }

    /** Ranks the wall by closeness to everything saved, diversified. */
    public void showForYou() {
        show(Mode.FOR_YOU, null);
    }

    /** Shows the map instead of the wall. */
    public void showMap() {
        show(Mode.MAP, null);
    }

    /** Shows a board's photos, in the order they were saved; saving goes to it from now on. */
    public void openBoard(String name) {
        target.set(name);
        show(Mode.BOARD, name);
    }

    /** Related for a whole board: the collection ranked by closeness to that board alone (its pins left out). */
    public void moreLike(String name) {
        show(Mode.MORE_LIKE_BOARD, name);
    }

    private void show(Mode next, String board) {
        mode.set(next);
        openBoard.set(board);
        refresh();
    }

    /** Saves {@code photo} to the board pins are saved to now ({@link #targetProperty()}). */
    public void save(Photo photo) {
        save(photo, target.get());
    }

    /** Saves {@code photo} to {@code boardName} (made when it does not exist); a photo not yet embedded cannot be. */
    public void save(Photo photo, String boardName) {
        Optional<String> hash = hashOf(photo);
        if (hash.isEmpty() || boards == null) {
            status.show(boards == null ? "Boards are not available" : "“" + photo.name()
                    + "” is not embedded yet: it can be saved once it is");
            return;
        }
        target.set(boardName.strip());
        change(() -> boards.save(boardName, hash.get()), "Saved " + photo.name() + " to " + boardName.strip());
    }

    /** Saves the photo to the target board, or takes it off that board when it is on it already (the pin button). */
    public void toggle(Photo photo) {
        Optional<String> hash = hashOf(photo);
        String board = target.get();
        if (hash.isPresent() && boards != null && boards.board(board).map(b -> b.pins().contains(hash.get()))
                .orElse(false)) {
            change(() -> boards.remove(board, hash.get()), "Took " + photo.name() + " off " + board);
        } else {
            save(photo, board);
        }
    }

    /** Takes {@code photo} off {@code boardName}. */
    public void remove(Photo photo, String boardName) {
        Optional<String> hash = hashOf(photo);
        if (hash.isPresent() && boards != null) {
            change(() -> boards.remove(boardName, hash.get()), "Took " + photo.name() + " off " + boardName);
        }
    }

    /** Makes an empty board. */
    public void create(String name) {
        if (boards != null) {
            change(() -> boards.create(name), "Made the board " + name.strip());
        }
    }

    public void rename(String from, String to) {
        if (boards == null) {
            return;
        }
        // followed before the write, so the refresh after it looks for the new name
        if (from.equals(target.get())) {
            target.set(to.strip());
        }
        if (from.equals(openBoard.get())) {
            openBoard.set(to.strip());
        }
        change(() -> boards.rename(from, to), "Renamed " + from + " to " + to.strip());
    }

    /** Deletes a board; its photos stay in the folder. An open board gives way to every photo. */
    public void delete(String name) {
        if (boards == null) {
            return;
        }
        if (name.equals(target.get())) {
            target.set(DEFAULT_BOARD);
        }
        if (name.equals(openBoard.get())) {
            mode.set(Mode.ALL);
            openBoard.set(null);
        }
        change(() -> boards.delete(name), "Deleted the board " + name);
    }

    /** Whether {@code photo}'s content is on any board. Cheap: a map lookup in the library. */
    public boolean isSaved(Photo photo) {
        return hashOf(photo).map(saved::contains).orElse(false);
    }

    private Optional<String> hashOf(Photo photo) {
        return library == null || photo == null ? Optional.empty() : library.contentHash(photo);
    }

    private interface Change {
        void apply() throws Exception;
    }

    /** Writes a change to the boards file in the background, then shows it and ranks the wall again. */
    private void change(Change work, String done) {
        writes++;
        busy.set(true);
        BackgroundTask.wrap(() -> {
                    work.apply();
                    return null;
                })
                .onSuccess(nothing -> {
                    status.show(done);
                    showBoards();
                    refresh();
                })
                .onFailure(error -> {
                    LOG.warn("Cannot change the boards at {}", file, error);
                    status.problem("Cannot change the boards: " + RelatedViewModel.describe(error));
                })
                .onFinished(() -> {
                    writes--;
                    settle();
                })
                .executeWith(tasks);
    }

    private void showBoards() {
        boardList.setAll(boards.all());
        saved.retainAll(boards.savedPins());
        saved.addAll(boards.savedPins());
    }

    private void applyPendingSaves() {
        if (pendingSaves.isEmpty() || boards == null || library == null || !embedded) {
            return;
        }
        List<String> names = pendingSaves;
        pendingSaves = List.of();
        Map<String, Photo> byName = new HashMap<>();
        photos.forEach(p -> byName.putIfAbsent(p.name(), p));
        List<String> hashes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            Photo photo = byName.get(name);
            Optional<String> hash = hashOf(photo);
            if (hash.isPresent()) {
                hashes.add(hash.get());
            } else {
                problems.add(photo == null ? "no photo named " + name + " in the folder"
                        : name + " could not be embedded");
            }
        }
        if (!problems.isEmpty()) {
            String text = "Cannot save to " + DEFAULT_BOARD + ": " + String.join("; ", problems);
            startProblem.set(text);
            status.problemNotice(text);
        }
        change(() -> {
            for (String hash : hashes) {
                boards.save(DEFAULT_BOARD, hash);
            }
        }, "Saved " + PinwallViewModel.photos(hashes.size()) + " to " + DEFAULT_BOARD);
    }

    /** Shows what the mode asks for: at once for every photo, else ranked or looked up in the background. */
    private void refresh() {
        Mode m = mode.get();
        if (m == Mode.ALL || m == Mode.MAP) {
            ranking.cancel();
            rankGeneration++;
            rankingNow = false;
            if (!wall.equals(photos)) {
                wall.setAll(photos); // unchanged lists are left alone: the wall keeps its scroll position
            }
            message.set(null);
            settle();
            return;
        }
        Library lib = library;
        if (lib == null || boards == null) {
            wall.clear();
            settle();
            return;
        }
        List<Board> all = boards.all();
        Set<String> savedNow = boards.savedPins();
        String name = openBoard.get();
        int mine = ++rankGeneration;
        rankingNow = true;
        busy.set(true);
        ranking.replace(BackgroundTask.wrap(() -> switch (m) {
                    case BOARD -> boardWall(lib, all, name);
                    case FOR_YOU -> ranked(lib, all, savedNow, "Save pins (hover a photo and click its pin, or "
                            + "press S) and the photos like them come first here");
                    default -> ranked(lib, all.stream().filter(b -> b.name().equals(name)).toList(), savedNow,
                            "Nothing on " + name + " is in this folder");
                })
                .onSuccess(shown -> {
                    wall.setAll(shown.photos());
                    message.set(shown.message());
                    if (m != Mode.BOARD && !shown.photos().isEmpty()) {
                        status.show(String.format(Locale.ROOT, "%s: %,d photos ranked in %d ms",
                                m == Mode.FOR_YOU ? "For you" : "More like " + name, shown.photos().size(),
                                shown.millis()));
                    }
                })
                .onFailure(error -> {
                    LOG.warn("Cannot rank the wall", error);
                    status.problem("Cannot rank the wall: " + RelatedViewModel.describe(error));
                })
                .onFinished(() -> {
                    if (mine == rankGeneration) {
                        rankingNow = false;
                        settle();
                    }
                }));
    }

    private Shown ranked(Library lib, List<Board> tastes, Set<String> savedNow, String whenEmpty) {
        long started = System.nanoTime();
        Library.Embedded now = lib.embedded();
        Cached c = cached;
        if (c == null || c.library() != lib || c.forYou().rows() != now.hashes().size()) {
            c = new Cached(lib, new ForYou(now.vectors(), now.hashes(), ForYou.Settings.DEFAULT));
            cached = c;
        }
        ForYou.Ranking ranking = c.forYou().rank(tastes, savedNow);
        List<Photo> shown = new ArrayList<>(ranking.rows().length);
        for (int row : ranking.rows()) {
            shown.add(now.photos().get(row));
        }
        return new Shown(shown, ranking.prototypes() == 0 ? whenEmpty : null,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** A board's photos in this folder, in the order they were saved (every photo with a saved content). */
    private static Shown boardWall(Library lib, List<Board> all, String name) {
        Board board = all.stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
        if (board == null) {
            return new Shown(List.of(), "There is no board named " + name, 0);
        }
        Library.Embedded now = lib.embedded();
        Map<String, List<Photo>> byHash = new LinkedHashMap<>();
        for (int r = 0; r < now.hashes().size(); r++) {
            byHash.computeIfAbsent(now.hashes().get(r), h -> new ArrayList<>()).add(now.photos().get(r));
        }
        List<Photo> shown = new ArrayList<>();
        int elsewhere = 0;
        for (String pin : board.pins()) {
            List<Photo> found = byHash.get(pin);
            if (found == null) {
                elsewhere++;
            } else {
                shown.addAll(found);
            }
        }
        String text = board.pins().isEmpty() ? name + " is empty: save pins to it with their pin button or S"
                : shown.isEmpty() ? "The pins of " + name + " are in other folders" : null;
        if (elsewhere > 0 && !shown.isEmpty()) {
            LOG.info("{} pins of {} are in other folders", elsewhere, name);
        }
        return new Shown(shown, text, 0);
    }

    private void settle() {
        busy.set(!loaded || writes > 0 || rankingNow || !pendingSaves.isEmpty());
    }

    /** The photos the wall orders (the search filters them). */
    public ObservableList<Photo> getWallPhotos() {
        return wall;
    }

    public ObservableList<Board> getBoards() {
        return boardList;
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public Mode getMode() {
        return mode.get();
    }

    /** The board shown (in {@link Mode#BOARD} and {@link Mode#MORE_LIKE_BOARD}), or null. */
    public ReadOnlyStringProperty openBoardProperty() {
        return openBoard.getReadOnlyProperty();
    }

    /** The board the pin button and S save to. */
    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** What the wall says instead of photos (nothing saved yet, an empty board), or null. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Why the pins given at start ({@code --save}) could not all be saved, or null. */
    public ReadOnlyStringProperty startProblemProperty() {
        return startProblem.getReadOnlyProperty();
    }

    /** True while the boards are read or written, the pins given at start wait, or the wall is being ranked. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Content hashes on any board (the wall marks those photos). */
    public ObservableSet<String> getSaved() {
        return savedView;
    }
}
