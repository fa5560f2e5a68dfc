package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.collections.MapChangeListener;
import javafx.collections.SetChangeListener;
import javafx.collections.WeakMapChangeListener;
import javafx.collections.WeakSetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;

/**
 * One pin of the wall: thumbnail and name; highlighted when it is the pin or under the keyboard cursor. On hover a
 * pin button saves it to the current board (or takes it off); its context menu saves it to any board; dragged onto a
 * board in the side list, it is saved there.
 */
final class PinCell extends GridCell<Photo> {
    private static final PseudoClass PINNED = PseudoClass.getPseudoClass("pinned");
    private static final PseudoClass CURSOR = PseudoClass.getPseudoClass("cursor");
    private static final PseudoClass SAVED = PseudoClass.getPseudoClass("saved");
    /** What a pin dragged onto a board carries: its path (never a file list, so the wall's file drop ignores it). */
    static final DataFormat PIN = new DataFormat("application/x-pinwall-pin");

    private final PinwallViewModel model;
    private final Thumbnail thumbnail;
    private final Label name = new Label();
    private final VBox box;
    private final FontIcon saveIcon = new FontIcon("mdi2p-pin-outline");
    private final Tooltip saveTip = new Tooltip();
    private final Button saveButton = new Button(null, saveIcon);
    private final javafx.beans.property.BooleanProperty saved = new javafx.beans.property.SimpleBooleanProperty();
    private final InvalidationListener highlight = obs -> updateHighlight();
    private final SetChangeListener<String> savedListener = change -> updateHighlight();
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
        saveButton.getStyleClass().addAll("pin-save", "small");
        saveButton.setFocusTraversable(false);
        saveButton.setTooltip(saveTip);
        // shown on hover, and always on a saved photo (a filled pin)
        saveButton.visibleProperty().bind(hoverProperty().or(saveButton.hoverProperty()).or(saved));
        saveButton.setOnAction(event -> {
            if (getItem() != null) {
                model.boards().toggle(getItem());
            }
        });
        StackPane picture = new StackPane(thumbnail, saveButton);
        StackPane.setAlignment(saveButton, Pos.TOP_RIGHT);
        box = new VBox(4, picture, name);
        box.getStyleClass().add("pin-box");
        model.related().pinProperty().addListener(new WeakInvalidationListener(highlight));
        model.cursorProperty().addListener(new WeakInvalidationListener(highlight));
        model.getFailures().addListener(new WeakMapChangeListener<>(failureListener));
        model.boards().getSaved().addListener(new WeakSetChangeListener<>(savedListener));
        model.boards().targetProperty().addListener(new WeakInvalidationListener(highlight));
        setOnContextMenuRequested(event -> {
            if (getItem() != null) {
                saveMenu(getItem()).show(this, event.getScreenX(), event.getScreenY());
                event.consume();
            }
        });
        setOnDragDetected(event -> {
            if (getItem() != null) {
                ClipboardContent content = new ClipboardContent();
                content.put(PIN, getItem().path().toString());
                startDragAndDrop(TransferMode.LINK).setContent(content);
                event.consume();
            }
        });
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

    /** "Save to" each board, a new board, and the pin's own boards to take it off. */
    private ContextMenu saveMenu(Photo photo) {
        ContextMenu menu = new ContextMenu();
        BoardsViewModel boards = model.boards();
        for (dev.pinwall.boards.Board board : boards.getBoards()) {
            MenuItem item = new MenuItem("Save to " + board.name());
            item.setOnAction(event -> boards.save(photo, board.name()));
            menu.getItems().add(item);
        }
        if (boards.getBoards().stream().noneMatch(b -> b.name().equals(BoardsViewModel.DEFAULT_BOARD))) {
            MenuItem item = new MenuItem("Save to " + BoardsViewModel.DEFAULT_BOARD);
            item.setOnAction(event -> boards.save(photo, BoardsViewModel.DEFAULT_BOARD));
            menu.getItems().add(item);
        }
        MenuItem fresh = new MenuItem("Save to a new board…");
        fresh.setOnAction(event -> BoardsView.askName("New board", "").ifPresent(n -> boards.save(photo, n)));
        menu.getItems().add(fresh);
        String open = boards.openBoardProperty().get();
        if (boards.getMode() == BoardsViewModel.Mode.BOARD && open != null) {
            MenuItem off = new MenuItem("Take off " + open);
            off.setOnAction(event -> boards.remove(photo, open));
            menu.getItems().add(off);
        }
        return menu;
    }

    private void updateHighlight() {
        Photo photo = getItem();
        boolean isSaved = photo != null && model.boards().isSaved(photo);
        saved.set(isSaved);
        pseudoClassStateChanged(SAVED, isSaved);
        // the icon and tooltip are made once and only changed here: cells are updated on every layout
        String literal = isSaved ? "mdi2p-pin" : "mdi2p-pin-outline";
        if (!literal.equals(saveIcon.getIconLiteral())) {
            saveIcon.setIconLiteral(literal);
        }
        String tip = isSaved ? "Saved — click to take it off " + model.boards().targetProperty().get() + " (S)"
                : "Save to " + model.boards().targetProperty().get() + " (S)";
        if (!tip.equals(saveTip.getText())) {
            saveTip.setText(tip);
        }
        pseudoClassStateChanged(PINNED, photo != null && photo.equals(model.related().getPin()));
        pseudoClassStateChanged(CURSOR, photo != null && photo.equals(model.cursorProperty().get()));
    }

    Thumbnail thumbnail() {
        return thumbnail;
    }
}
