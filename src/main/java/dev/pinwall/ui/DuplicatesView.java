package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.function.Consumer;

/**
 * The groups of near-identical photos, one row per group: each photo's thumbnail and file name; clicking one pins it.
 */
final class DuplicatesView extends VBox {
    static final double THUMB_WIDTH = 72;
    static final double THUMB_HEIGHT = 90;

    private final ListView<List<Photo>> list;

    DuplicatesView(DuplicatesViewModel model, ThumbnailLoader loader, Consumer<Photo> onPick) {
        setId("duplicates-view");
        Label title = new Label("Duplicates", new FontIcon("mdi2c-content-duplicate"));
        title.getStyleClass().add("title-3");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setMaxSize(16, 16);
        busy.visibleProperty().bind(model.runningProperty());
        Button again = new Button("Find again", new FontIcon("mdi2r-refresh"));
        again.setId("find-duplicates");
        again.getStyleClass().add("small");
        again.setOnAction(e -> model.find());
        again.disableProperty().bind(model.runningProperty());
        HBox header = new HBox(8, title, busy, again);
        header.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("duplicates-message");
        message.getStyleClass().add("text-muted");
        message.textProperty().bind(model.messageProperty());

        list = new ListView<>(model.getGroups());
        list.setId("duplicate-groups");
        list.setCellFactory(l -> new GroupCell(loader, onPick));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(header, message, list);
        setSpacing(8);
        setPadding(new Insets(12));
    }

    ListView<List<Photo>> list() {
        return list;
    }

    /** One group: a row of thumbnails with names. */
    private static final class GroupCell extends ListCell<List<Photo>> {
        private final ThumbnailLoader loader;
        private final Consumer<Photo> onPick;

        GroupCell(ThumbnailLoader loader, Consumer<Photo> onPick) {
            this.loader = loader;
            this.onPick = onPick;
            getStyleClass().add("duplicate-group");
        }

        @Override
        protected void updateItem(List<Photo> group, boolean empty) {
            super.updateItem(group, empty);
            if (empty || group == null) {
                setGraphic(null);
                return;
            }
            HBox row = new HBox(8);
            for (Photo photo : group) {
                Thumbnail thumbnail = new Thumbnail(loader, THUMB_WIDTH, THUMB_HEIGHT);
                thumbnail.show(photo.path(), null);
                Label name = new Label(photo.name());
                name.getStyleClass().add("pin-name");
                name.setMaxWidth(THUMB_WIDTH);
                VBox item = new VBox(2, thumbnail, name);
                item.getStyleClass().add("duplicate-photo");
                item.setOnMouseClicked(e -> onPick.accept(photo));
                row.getChildren().add(item);
            }
            setGraphic(row);
        }
    }
}
