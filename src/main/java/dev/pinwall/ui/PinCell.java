package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.collections.MapChangeListener;
import javafx.collections.WeakMapChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;

import java.nio.file.Path;

/** One pin of the wall: thumbnail and name; highlighted when it is the pin or under the keyboard cursor. */
final class PinCell extends GridCell<Photo> {
    private static final PseudoClass PINNED = PseudoClass.getPseudoClass("pinned");
    private static final PseudoClass CURSOR = PseudoClass.getPseudoClass("cursor");

    private final PinwallViewModel model;
    private final Thumbnail thumbnail;
    private final Label name = new Label();
    private final VBox box;
    private final InvalidationListener highlight = obs -> updateHighlight();
    private final MapChangeListener<Path, String> failureListener = change -> {
        if (getItem() != null && getItem().path().equals(change.getKey())) {
            updateItem(getItem(), false);
        }
    };

    PinCell(PinwallViewModel model, ThumbnailLoader loader) {
        this.model = model;
        getStyleClass().add("pin-cell");
        thumbnail = new Thumbnail(loader, WallView.DEFAULT_ZOOM, WallView.DEFAULT_ZOOM * WallView.THUMBNAIL_ASPECT);
        name.getStyleClass().add("pin-name");
        // the grid sizes its cells to fill the wall's width (and to the zoom): the picture follows
        widthProperty().addListener(obs -> resizeThumbnail());
        heightProperty().addListener(obs -> resizeThumbnail());
        box = new VBox(4, thumbnail, name);
        box.getStyleClass().add("pin-box");
        model.related().pinProperty().addListener(new WeakInvalidationListener(highlight));
        model.cursorProperty().addListener(new WeakInvalidationListener(highlight));
        model.getFailures().addListener(new WeakMapChangeListener<>(failureListener));
        setOnMouseClicked(event -> {
            if (getItem() != null) {
                model.pin(getItem());
            }
        });
    }

    private void resizeThumbnail() {
        if (getWidth() > 0 && getHeight() > WallView.LABEL_HEIGHT) {
            thumbnail.setSize(getWidth(), getHeight() - WallView.LABEL_HEIGHT);
            name.setMaxWidth(getWidth());
        }
    }

    @Override
    protected void updateItem(Photo photo, boolean empty) {
        super.updateItem(photo, empty);
        if (empty || photo == null) {
            thumbnail.clear();
            setGraphic(null);
        } else {
            thumbnail.show(photo.path(), model.getFailures().get(photo.path()));
            name.setText(photo.info() != null && !photo.info().displayName().isBlank()
                    ? photo.info().displayName() : photo.name());
            setGraphic(box);
        }
        updateHighlight();
    }

    private void updateHighlight() {
        Photo photo = getItem();
        pseudoClassStateChanged(PINNED, photo != null && photo.equals(model.related().getPin()));
        pseudoClassStateChanged(CURSOR, photo != null && photo.equals(model.cursorProperty().get()));
    }

    Thumbnail thumbnail() {
        return thumbnail;
    }
}
