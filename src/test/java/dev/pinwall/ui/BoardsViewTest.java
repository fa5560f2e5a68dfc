package dev.pinwall.ui;

import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;

import static dev.pinwall.ui.FxWait.onFx;
import static dev.pinwall.ui.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The boards list, the pin button, S, the For-you wall and the map in the window (TestFX, headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class BoardsViewTest {
    @TempDir
    Path dir;
    private Stage stage;
    private PinwallViewModel model;
    private MainView view;
    private WindowFixture window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.applyUserAgent();
    }

    private void show() {
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        window = WindowFixture.show(stage, dir, folder);
        model = window.model();
        view = window.view();
        waitUntil("embedding finished", () -> model.runs().lastReportProperty().get() != null
                && !model.runs().isIndexing() && !model.boards().busyProperty().get());
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    private PinCell cellOf(FxRobot robot, String name) {
        waitUntil("a cell shows " + name, () -> robot.lookup(".pin-cell").queryAllAs(PinCell.class).stream()
                .anyMatch(c -> c.getItem() != null && c.getItem().name().equals(name)));
        return onFx(() -> robot.lookup(".pin-cell").queryAllAs(PinCell.class).stream()
                .filter(c -> c.getItem() != null && c.getItem().name().equals(name)).findFirst().orElseThrow());
    }

    private List<String> wall() {
        return onFx(() -> view.wall().grid().getItems().stream().map(p -> p.name()).toList());
    }

    @Test
    void thePinButtonSavesAndTheForYouWallRanksWhatIsLikeIt(FxRobot robot) {
        show();
        PinCell cell = cellOf(robot, "1.png");
        robot.moveTo(cell);
        Button save = onFx(() -> (Button) cell.lookup(".pin-save"));
        waitUntil("the pin button shows on hover", save::isVisible);
        robot.clickOn(save);

        waitUntil("the board lists the pin", () -> robot.lookup("#boards").queryListView().getItems().size() == 1
                && model.boards().getBoards().get(0).pins().size() == 1);
        waitUntil("the cell is marked saved", () -> cellOf(robot, "1.png").getPseudoClassStates().toString()
                .contains("saved"));

        robot.clickOn("#view-for-you");
        waitUntil("the wall is ranked", () -> !model.boards().busyProperty().get() && wall().size() == 8);
        assertThat(wall()).doesNotContain("1.png");
        assertThat(wall().subList(0, 2)).containsExactlyInAnyOrder("2.png", "3.png");

        robot.clickOn("#view-all");
        waitUntil("every photo again", () -> wall().size() == 9);
    }

    @Test
    void sSavesThePhotoUnderTheCursorAndABoardOpensAsItsWall(FxRobot robot) {
        show();
        robot.clickOn(cellOf(robot, "4.png"));
        waitUntil("4.png pinned", () -> model.related().getPin() != null
                && model.related().getPin().name().equals("4.png"));
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.S);
        waitUntil("5.png saved", () -> !model.boards().getBoards().isEmpty()
                && model.boards().isSaved(cellOf(robot, "5.png").getItem()));
        assertThat(onFx(() -> model.boards().isSaved(cellOf(robot, "4.png").getItem()))).isFalse();

        robot.clickOn(robot.lookup("#boards .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        waitUntil("the board is the wall", () -> model.boards().getMode() == BoardsViewModel.Mode.BOARD
                && wall().equals(List.of("5.png")));
    }

    @Test
    void theMapDrawsThePhotosAndClickingOnePinsIt(FxRobot robot) {
        show();
        robot.clickOn("#view-map");
        waitUntil("the map is drawn", () -> view.map().isVisible() && view.map().isSettled());
        assertThat(onFx(() -> view.wall().isVisible())).isFalse();

        // zoomed in on 7.png until the photos stand apart, then clicked
        double[] at = onFx(() -> view.map().placeOf(cellPhoto("7.png")));
        onFx(() -> {
            view.map().zoom(40, at[0], at[1]);
            return null;
        });
        waitUntil("the map is drawn again", () -> view.map().isSettled());
        double[] place = onFx(() -> view.map().placeOf(cellPhoto("7.png")));
        Point2D screen = onFx(() -> view.map().canvas().localToScreen(place[0], place[1]));
        robot.clickOn(screen);
        waitUntil("7.png pinned", () -> model.related().getPin() != null
                && model.related().getPin().name().equals("7.png"));
    }

    private dev.pinwall.library.Photo cellPhoto(String name) {
        return model.getPhotos().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
