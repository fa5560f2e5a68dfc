package dev.pinwall.ui;

import dev.pinwall.library.Match;
import dev.pinwall.library.Photo;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;

import java.util.Locale;
import java.util.function.Consumer;

/** A related photo: thumbnail with its similarity score, name and category. Clicking makes it the new pin. */
final class RelatedCell extends GridCell<Match> {
    private final Thumbnail thumbnail;
    private final Label score = new Label();
    private final Label name = new Label();
    private final Label category = new Label();
    private final VBox box;

    RelatedCell(ThumbnailLoader loader, double width, double height, Consumer<Photo> onPick) {
        getStyleClass().add("related-cell");
        thumbnail = new Thumbnail(loader, width, height - 42);
        score.getStyleClass().add("score-badge");
        StackPane.setAlignment(score, Pos.TOP_RIGHT);
        StackPane picture = new StackPane(thumbnail, score);
        name.getStyleClass().add("pin-name");
        name.setMaxWidth(width);
        category.getStyleClass().add("pin-category");
        category.setMaxWidth(width);
        box = new VBox(2, picture, name, category);
        box.getStyleClass().add("pin-box");
        setOnMouseClicked(event -> {
            if (getItem() != null) {
                onPick.accept(getItem().photo());
            }
        });
    }

    @Override
    protected void updateItem(Match match, boolean empty) {
        super.updateItem(match, empty);
        if (empty || match == null) {
            thumbnail.clear();
            setGraphic(null);
            return;
        }
        Photo photo = match.photo();
        thumbnail.show(photo.path(), null);
        score.setText(String.format(Locale.ROOT, "%.2f", match.score()));
        boolean labelled = photo.info() != null;
        name.setText(labelled && !photo.info().displayName().isBlank() ? photo.info().displayName() : photo.name());
        category.setText(labelled ? category(photo) : "");
        category.setManaged(labelled);
        setGraphic(box);
    }

    static String category(Photo photo) {
        var info = photo.info();
        String type = info.articleType().isBlank() ? info.subCategory() : info.articleType();
        return info.masterCategory().isBlank() ? type : info.masterCategory() + " · " + type;
    }

    Thumbnail thumbnail() {
        return thumbnail;
    }
}
