package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridView;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The wall: a virtualised grid (only visible cells exist and are reused), keyboard navigation, and a drop target
 * that adds files by reference.
 */
final class WallView extends StackPane {
    static final double CELL_WIDTH = 176;
    static final double CELL_HEIGHT = 206;
    static final double GAP = 7;

    private final PinwallViewModel model;
    private final GridView<Photo> grid;

    WallView(PinwallViewModel model, ThumbnailLoader loader) {
        this.model = model;
        getStyleClass().add("wall");
        grid = new GridView<>(model.getPhotos());
        grid.setId("wall");
        grid.getStyleClass().add("wall-grid");
        grid.setCellWidth(CELL_WIDTH);
        grid.setCellHeight(CELL_HEIGHT);
        grid.setHorizontalCellSpacing(GAP);
        grid.setVerticalCellSpacing(GAP);
        grid.setCellFactory(g -> new PinCell(model, loader, CELL_WIDTH, CELL_HEIGHT));
        grid.setFocusTraversable(true);
        grid.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        grid.setOnMousePressed(event -> grid.requestFocus());

        Label empty = new Label();
        empty.getStyleClass().addAll("text-muted", "wall-empty");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(36, 36);
        spinner.visibleProperty().bind(model.openingProperty());
        empty.textProperty().bind(Bindings.when(model.openingProperty())
                .then("Opening folder…").otherwise("No photos here — open a folder or drop images"));
        VBox emptyBox = new VBox(12, spinner, empty);
        emptyBox.setAlignment(Pos.CENTER);
        emptyBox.setMouseTransparent(true);
        emptyBox.visibleProperty().bind(Bindings.isEmpty(model.getPhotos()));

        Label dropHint = new Label("Drop images to add them — files are referenced in place, not copied",
                new FontIcon("mdi2t-tray-arrow-down"));
        dropHint.getStyleClass().add("drop-hint");
        VBox dropOverlay = new VBox(dropHint);
        dropOverlay.getStyleClass().add("drop-overlay");
        dropOverlay.setAlignment(Pos.CENTER);
        dropOverlay.setMouseTransparent(true);
        dropOverlay.setVisible(false);

        getChildren().addAll(grid, emptyBox, dropOverlay);
        FileDrops.install(this, dropOverlay::setVisible, model::addFiles);
        model.cursorProperty().addListener((obs, was, photo) -> reveal(photo));
    }

    private void onKey(KeyEvent event) {
        switch (event.getCode()) {
            case LEFT -> model.moveCursor(-1);
            case RIGHT -> model.moveCursor(1);
            case UP -> model.moveCursor(-columns());
            case DOWN -> model.moveCursor(columns());
            case ENTER -> model.openCursor();
            default -> {
                return;
            }
        }
        event.consume();
    }

    /** Cells per row, as the grid's skin lays them out. */
    int columns() {
        double cell = grid.getCellWidth() + 2 * grid.getHorizontalCellSpacing();
        double width = grid.getWidth() - grid.snappedLeftInset() - grid.snappedRightInset() - 14; // scroll bar
        return Math.max(1, (int) Math.floor(width / cell));
    }

    /** Scrolls so the photo's row is visible, when it is not already. */
    private void reveal(Photo photo) {
        if (photo == null) {
            return;
        }
        int index = model.getPhotos().indexOf(photo);
        if (index < 0 || !(grid.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return;
        }
        int row = index / columns();
        var first = flow.getFirstVisibleCell();
        var last = flow.getLastVisibleCell();
        if (first == null || last == null || row <= first.getIndex() || row >= last.getIndex()) {
            flow.scrollTo(row);
        }
    }

    GridView<Photo> grid() {
        return grid;
    }
}
