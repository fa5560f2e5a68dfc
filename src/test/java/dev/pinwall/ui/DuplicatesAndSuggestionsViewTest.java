package dev.pinwall.ui;

import dev.pinwall.library.Match;
import dev.pinwall.library.Photo;
import dev.pinwall.testing.TestImages;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.pinwall.ui.FxWait.onFx;
import static dev.pinwall.ui.FxWait.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** "Hide duplicates" in Related, the duplicates window, and suggested labels in the details pane (TestFX). */
@ExtendWith(ApplicationExtension.class)
class DuplicatesAndSuggestionsViewTest {
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

    /**
     * Pure hues (the test embedder's mean colours are apart) with copies: 2.png has 1.png's bytes, 3.jpg is 1.png
     * re-encoded, 5.png has 4.png's bytes. Every photo but the orange 10.png has labels.
     */
    private Path folder() throws Exception {
        Path folder = dir.resolve("photos");
        TestImages.solid(folder.resolve("1.png"), Color.RED);
        Files.copy(folder.resolve("1.png"), folder.resolve("2.png"));
        TestImages.solid(folder.resolve("3.jpg"), Color.RED);
        TestImages.solid(folder.resolve("4.png"), Color.BLUE);
        Files.copy(folder.resolve("4.png"), folder.resolve("5.png"));
        TestImages.solid(folder.resolve("6.png"), Color.GREEN);
        TestImages.solid(folder.resolve("7.png"), Color.YELLOW);
        TestImages.solid(folder.resolve("8.png"), Color.CYAN);
        TestImages.solid(folder.resolve("9.png"), Color.MAGENTA);
        TestImages.solid(folder.resolve("10.png"), new Color(255, 110, 0));
        StringBuilder csv = new StringBuilder("id,gender,masterCategory,subCategory,articleType,baseColour,season,"
                + "year,usage,productDisplayName\n");
        String[] types = {"", "Tops", "Tops", "Tops", "Jeans", "Jeans", "Caps", "Tops", "Jeans", "Tops"};
        String[] colours = {"", "Red", "Red", "Red", "Blue", "Blue", "Green", "Yellow", "Cyan", "Magenta"};
        for (int i = 1; i <= 9; i++) {
            csv.append(i).append(",Women,Apparel,Topwear,").append(types[i]).append(',').append(colours[i])
                    .append(",Summer,2012,Casual,Product ").append(i).append('\n');
        }
        Files.writeString(folder.resolve("styles.csv"), csv);
        return folder;
    }

    private void show(Path folder) {
        window = WindowFixture.show(stage, dir, folder);
        model = window.model();
        view = window.view();
        waitUntil("embedding finished", () -> model.runs().lastReportProperty().get() != null
                && !model.runs().isIndexing());
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    private Photo photo(String name) {
        return onFx(() -> model.getPhotos().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow());
    }

    private List<String> related() {
        return onFx(() -> model.related().getMatches().stream().map(Match::photo).map(Photo::name).toList());
    }

    private void pinAndWait(Photo photo) {
        onFx(() -> {
            model.pin(photo);
            return null;
        });
        waitUntil("Related filled", () -> model.related().getState() == RelatedViewModel.State.READY);
    }

    @Test
    void hideDuplicatesShowsOnePhotoOfEachGroupAndNoneOfThePinsCopies(FxRobot robot) throws Exception {
        show(folder());
        pinAndWait(photo("1.png"));
        assertThat(related()).contains("2.png", "3.jpg", "4.png", "5.png");

        robot.clickOn("#hide-duplicates");
        assertThat(onFx(() -> robot.lookup("#hide-duplicates").queryAs(CheckBox.class).isSelected())).isTrue();
        waitUntil("Related without copies", () -> model.related().getState() == RelatedViewModel.State.READY
                && !model.related().getMatches().stream().map(m -> m.photo().name()).toList().contains("2.png"));
        assertThat(related()).doesNotContain("2.png", "3.jpg", "5.png")
                .contains("4.png", "6.png", "7.png", "8.png", "9.png", "10.png");

        robot.clickOn("#hide-duplicates");
        waitUntil("copies back", () -> model.related().getMatches().stream()
                .map(m -> m.photo().name()).toList().contains("2.png"));
    }

    @Test
    void theDuplicatesWindowListsTheGroupsAndPinsAClickedPhoto(FxRobot robot) throws Exception {
        show(folder());
        onFx(() -> {
            view.showDuplicates();
            return null;
        });
        waitUntil("groups found", () -> !model.duplicates().runningProperty().get()
                && !model.duplicates().getGroups().isEmpty());
        @SuppressWarnings("unchecked")
        ListView<List<Photo>> list = onFx(() -> (ListView<List<Photo>>) robot.lookup("#duplicate-groups")
                .queryAs(ListView.class));
        List<List<String>> groups = onFx(() -> list.getItems().stream()
                .map(g -> g.stream().map(Photo::name).toList()).toList());
        assertThat(groups).containsExactly(List.of("1.png", "2.png", "3.jpg"), List.of("4.png", "5.png"));
        assertThat(onFx(() -> robot.lookup("#duplicates-message").queryAs(Label.class).getText()))
                .startsWith("2 groups, 5 photos");

        // The list's cells are made at the next layout pulse, after its items: wait for the one to click.
        waitUntil("5.png drawn in the list", () -> robot.lookup(".duplicate-photo").queryAll().stream()
                .anyMatch(n -> n.lookupAll(".pin-name").stream()
                        .anyMatch(l -> "5.png".equals(((Label) l).getText()))));
        Node blueCopy = onFx(() -> robot.lookup(".duplicate-photo").queryAll().stream()
                .filter(n -> n.lookupAll(".pin-name").stream()
                        .anyMatch(l -> "5.png".equals(((Label) l).getText())))
                .findFirst().orElseThrow());
        robot.clickOn(blueCopy);
        waitUntil("5.png pinned", () -> model.related().getPin() != null
                && model.related().getPin().name().equals("5.png"));
    }

    @Test
    void aPhotoWithoutLabelsShowsSuggestedOnesWithConfidence(FxRobot robot) throws Exception {
        show(folder());
        pinAndWait(photo("1.png"));
        assertThat(onFx(() -> robot.lookup("#suggested-labels").queryAs(GridPane.class).isVisible())).isFalse();

        pinAndWait(photo("10.png")); // orange, no row in styles.csv: nearest are the reds and the yellow
        waitUntil("suggestions shown", () -> robot.lookup("#suggested-labels").queryAs(GridPane.class).isVisible());
        List<String> texts = onFx(() -> robot.lookup("#suggested-labels").queryAs(GridPane.class).getChildren()
                .stream().map(n -> ((Label) n).getText()).toList());
        assertThat(texts.get(0)).startsWith("Suggested from");
        assertThat(texts).contains("Type").anySatisfy(t -> assertThat(t).matches("Tops\\?  \\d{1,3}%"));
        assertThat(texts).anySatisfy(t -> assertThat(t).matches("Red\\?  \\d{1,3}%"));

        pinAndWait(photo("4.png"));
        waitUntil("suggestions gone", () -> !robot.lookup("#suggested-labels").queryAs(GridPane.class).isVisible());
    }
}
