package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridView;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The wall: a virtualised grid (only visible cells exist and are reused) whose columns fill its width, a zoom (the
 * preferred cell width: slider or Ctrl+wheel), keyboard navigation, and a drop target that adds files by reference.
 */
final class WallView extends StackPane {
    static final double DEFAULT_ZOOM = 176;
    static final double MIN_ZOOM = 110;
    static final double MAX_ZOOM = 300;
    static final double ZOOM_STEP = 16;
    static final double GAP = 7;
    /** What the grid's skin (ControlsFX 11) takes off its width for the vertical scroll bar. */
    static final double SKIN_SCROLLBAR = 18;
    /** Below a thumbnail: the name label and the spacing above it. */
    static final double LABEL_HEIGHT = 24;
    /** Thumbnail height per width (176 wide, 182 high at the default zoom). */
    static final double THUMBNAIL_ASPECT = 182.0 / 176.0;

    private final PinwallViewModel model;
    private final GridView<Photo> grid;
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", DEFAULT_ZOOM);

    WallView(PinwallViewModel model, ThumbnailLoader loader) {
        this.model = model;
        getStyleClass().add("wall");
        grid = new GridView<>(model.search().getShown());
        grid.setId("wall");
        grid.getStyleClass().add("wall-grid");
        grid.setHorizontalCellSpacing(GAP);
        grid.setVerticalCellSpacing(GAP);
        fit();
        grid.setCellFactory(g -> new PinCell(model, loader));
        grid.setFocusTraversable(true);
        grid.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        grid.addEventFilter(ScrollEvent.SCROLL, this::onScroll);
        grid.setOnMousePressed(event -> grid.requestFocus());
        grid.widthProperty().addListener(obs -> fit());
        zoom.addListener(obs -> fit());

        Label empty = new Label();
        empty.setId("wall-message");
        empty.getStyleClass().addAll("text-muted", "wall-empty");
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(36, 36);
        spinner.visibleProperty().bind(model.openingProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        empty.textProperty().bind(Bindings.createStringBinding(() -> {
            if (model.openingProperty().get()) {
                return "Opening folder…";
            }
            if (model.folderProblemProperty().get() != null) {
                return model.folderProblemProperty().get();
            }
            if (model.boards().messageProperty().get() != null) {
                return model.boards().messageProperty().get(); // nothing saved yet, an empty board
            }
            if (model.search().isActive() && !model.getPhotos().isEmpty()) {
                return "No photos match “" + model.search().queryProperty().get() + "”";
            }
            return "No photos here — open a folder or drop images";
        }, model.openingProperty(), model.folderProblemProperty(), model.search().queryProperty(),
                model.getPhotos(), model.boards().messageProperty()));
        model.folderProblemProperty().addListener((obs, was, now) ->
                empty.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), now != null));
        VBox emptyBox = new VBox(12, spinner, empty);
        emptyBox.setAlignment(Pos.CENTER);
        emptyBox.setMouseTransparent(true);
        emptyBox.visibleProperty().bind(Bindings.isEmpty(model.search().getShown()));

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

    /** Cells per row for a row of {@code rowWidth}: the count whose stretched cells come closest to {@code zoom}. */
    static int columnsFor(double rowWidth, double zoom) {
        return Math.max(1, (int) Math.round(rowWidth / (zoom + 2 * GAP)));
    }

    /** The cell width that makes {@code columns} cells and their gaps exactly fill {@code rowWidth}. */
    static double cellWidthFor(double rowWidth, int columns) {
        // a hair less than exact, so the skin's floor(rowWidth / cell) cannot round down to one column fewer
        return Math.max(40, rowWidth / columns - 2 * GAP - 0.001);
    }

    /** Stretches the cells so the columns fill the width: no blank strip on the right at any window size. */
    private void fit() {
        double rowWidth = grid.getWidth() - SKIN_SCROLLBAR;
        double width = rowWidth <= 0 ? zoom.get() : cellWidthFor(rowWidth, columnsFor(rowWidth, zoom.get()));
        grid.setCellWidth(width);
        grid.setCellHeight(Math.round(width * THUMBNAIL_ASPECT) + LABEL_HEIGHT);
    }

    private void onScroll(ScrollEvent event) {
        if (event.isShortcutDown() && event.getDeltaY() != 0) {
            zoomBy(event.getDeltaY() > 0 ? ZOOM_STEP : -ZOOM_STEP);
            event.consume();
        }
    }

    /** Makes thumbnails bigger (positive) or smaller, within the zoom's range. */
    void zoomBy(double delta) {
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.get() + delta)));
    }

    private void onKey(KeyEvent event) {
        switch (event.getCode()) {
            case LEFT -> model.moveCursor(-1);
            case RIGHT -> model.moveCursor(1);
            case UP -> model.moveCursor(-columns());
            case DOWN -> model.moveCursor(columns());
            case ENTER -> model.openCursor();
            case S -> {
                // S saves the photo under the cursor (else the pin) to the current board
                Photo photo = model.cursorProperty().get() != null ? model.cursorProperty().get()
                        : model.related().getPin();
                if (photo == null || event.isShortcutDown() || event.isAltDown()) {
                    return;
                }
                model.boards().save(photo);
            }
            default -> {
                return;
            }
        }
        event.consume();
    }

    /** Cells per row, as the grid's skin lays them out. */
    int columns() {
        double cell = grid.getCellWidth() + 2 * grid.getHorizontalCellSpacing();
        return Math.max(1, (int) Math.floor((grid.getWidth() - SKIN_SCROLLBAR) / cell));
    }

    /** Scrolls so the photo's row is visible, when it is not already. */
    private void reveal(Photo photo) {
        if (photo == null) {
            return;
        }
        int index = model.search().getShown().indexOf(photo);
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

    /** The preferred cell width; cells stretch from it so the row is full. Remembered between starts. */
    DoubleProperty zoomProperty() {
        return zoom;
    }

    GridView<Photo> grid() {
        return grid;
    }
}
