package dev.pinwall.ui;

import dev.pinwall.boards.Board;
import dev.pinwall.boards.Boards;
import dev.pinwall.library.Photo;
import dev.pinwall.map.MapCache;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** Boards, the For-you wall and the map's view-model on the current thread (no UI toolkit). */
class BoardsViewModelTest {
    @TempDir
    Path dir;
    private EmbeddingStore store;
    private PinwallViewModel model;
    private final Object uiLock = new Object();
    private final Executor ui = runnable -> {
        synchronized (uiLock) {
            runnable.run();
        }
    };

    private void open(Path folder) {
        if (model != null) {
            model.close();
        }
        if (store == null) {
            store = TestStores.open(dir);
        }
        model = new PinwallViewModel(new CurrentThreadTaskExecutor(), ui, TestCatalog.of(ColourEmbedder::fast), store,
                f -> { });
        model.start(folder, null);
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private Photo photo(String name) {
        return model.getPhotos().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private List<String> wall() {
        return model.search().getShown().stream().map(Photo::name).toList();
    }

    @Test
    void forYouRanksWhatLooksLikeTheSavedPinsFirstAndNeverTheSavedOnes() {
        open(TestPhotos.colourFolder(dir.resolve("photos")));
        BoardsViewModel boards = model.boards();
        boards.showForYou();
        assertThat(wall()).isEmpty();
        assertThat(boards.messageProperty().get()).contains("Save pins");

        boards.save(photo("1.png")); // red
        assertThat(wall()).hasSize(8).doesNotContain("1.png");
        assertThat(wall().subList(0, 2)).containsExactlyInAnyOrder("2.png", "3.png");

        boards.save(photo("7.png")); // blue: the wall updates, blues share the top rows with reds
        assertThat(wall()).hasSize(7).doesNotContain("1.png", "7.png");
        assertThat(wall().subList(0, 4)).contains("2.png", "8.png");
        assertThat(boards.busyProperty().get()).isFalse();
        assertThat(model.status().getStatus()).startsWith("For you:");
    }

    @Test
    void aListenerOnTheSavedSetStillHearsSavesAfterAGarbageCollection() {
        open(TestPhotos.colourFolder(dir.resolve("photos")));
        int[] heard = {0};
        // the wall's cells add a weak listener like this one and keep only the listener, not the set they got
        javafx.collections.SetChangeListener<String> listener = change -> heard[0]++;
        model.boards().getSaved().addListener(new javafx.collections.WeakSetChangeListener<>(listener));
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        model.boards().save(photo("1.png"));
        assertThat(heard[0]).as("changes heard after a GC").isPositive();
        assertThat(listener).isNotNull();
    }

    @Test
    void boardsAreKeptByContentSoARenamedFileIsStillOnItsBoard() throws Exception {
        Path first = TestPhotos.colourFolder(dir.resolve("photos"));
        open(first);
        model.boards().save(photo("4.png"), "Greens");
        model.boards().save(photo("5.png"), "Greens");
        assertThat(Files.readString(dir.resolve(Boards.FILE_NAME))).contains("Greens");

        // the same bytes under another name, in another folder, after a restart
        Path second = dir.resolve("elsewhere");
        Files.createDirectories(second);
        Files.copy(first.resolve("5.png"), second.resolve("renamed.png"));
        TestPhotos.solid(second, "other.png", 250, 5, 5);
        open(second);
        model.boards().openBoard("Greens");

        assertThat(model.boards().getBoards()).extracting(Board::name).containsExactly("Greens");
        assertThat(wall()).containsExactly("renamed.png");
        assertThat(model.boards().getMode()).isEqualTo(BoardsViewModel.Mode.BOARD);
        assertThat(model.boards().isSaved(photo("renamed.png"))).isTrue();
        assertThat(model.boards().isSaved(photo("other.png"))).isFalse();
    }

    @Test
    void renameDeleteTakeOffAndMoreLikeThisBoard() {
        open(TestPhotos.colourFolder(dir.resolve("photos")));
        BoardsViewModel boards = model.boards();
        boards.save(photo("1.png"), "Reds");
        boards.save(photo("4.png"), "Greens");
        boards.openBoard("Reds");
        assertThat(wall()).containsExactly("1.png");

        boards.moreLike("Greens");
        assertThat(wall().subList(0, 2)).containsExactlyInAnyOrder("5.png", "6.png");
        assertThat(wall()).doesNotContain("1.png", "4.png"); // nothing saved on any board

        boards.rename("Reds", "Warm");
        assertThat(boards.getBoards()).extracting(Board::name).containsExactly("Warm", "Greens");
        assertThat(boards.targetProperty().get()).isEqualTo("Warm");
        boards.toggle(photo("2.png"));
        boards.toggle(photo("1.png")); // on the target board already: taken off
        boards.openBoard("Warm");
        assertThat(wall()).containsExactly("2.png");

        boards.delete("Warm");
        assertThat(boards.getBoards()).extracting(Board::name).containsExactly("Greens");
        assertThat(boards.getMode()).isEqualTo(BoardsViewModel.Mode.ALL);
        assertThat(wall()).hasSize(9);
    }

    @Test
    void pinsGivenAtStartAreSavedOnceEmbeddedAndAnUnknownNameIsAProblem() {
        store = TestStores.open(dir);
        model = new PinwallViewModel(new CurrentThreadTaskExecutor(), ui, TestCatalog.of(ColourEmbedder::fast), store,
                f -> { });
        model.boards().saveWhenEmbedded(List.of("2.png", "nope.jpg"));
        model.boards().showForYou();
        model.start(TestPhotos.colourFolder(dir.resolve("photos")), null);

        assertThat(model.boards().getBoards()).containsExactly(
                new Board(BoardsViewModel.DEFAULT_BOARD, List.of(model.library().contentHash(photo("2.png"))
                        .orElseThrow())));
        assertThat(model.boards().startProblemProperty().get()).contains("nope.jpg");
        assertThat(wall()).hasSize(8).doesNotContain("2.png");
        assertThat(model.boards().busyProperty().get()).isFalse();
    }

    @Test
    void theMapPlacesLookAlikesTogetherAndKeepsItsFit() {
        open(TestPhotos.colourFolder(dir.resolve("photos")));
        MapViewModel map = model.map();
        assertThat(map.pointsProperty().get()).isNull(); // computed only when shown
        model.boards().showMap();

        MapViewModel.Points points = map.pointsProperty().get();
        assertThat(points).isNotNull();
        assertThat(points.photos()).hasSize(9);
        assertThat(distance(points, "1.png", "2.png")).isLessThan(distance(points, "1.png", "7.png"));
        assertThat(distance(points, "4.png", "5.png")).isLessThan(distance(points, "4.png", "8.png"));
        assertThat(map.computingProperty().get()).isFalse();
        assertThat(new MapCache(dir.resolve("maps")).load(model.library().folder().toString(),
                model.library().embedderInfo().storeKey(), model.library().embedderInfo().dimension())).isPresent();
        // the wall keeps every photo under the map
        assertThat(wall()).hasSize(9);
        assertThat(Set.copyOf(points.photos())).isEqualTo(Set.copyOf(model.getPhotos()));
    }

    private static double distance(MapViewModel.Points points, String a, String b) {
        int i = indexOf(points, a);
        int j = indexOf(points, b);
        return Math.hypot(points.x()[i] - points.x()[j], points.y()[i] - points.y()[j]);
    }

    private static int indexOf(MapViewModel.Points points, String name) {
        for (int i = 0; i < points.photos().size(); i++) {
            if (points.photos().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }
}
