package dev.pinwall.ui;

import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.List;
import java.nio.file.Path;

/**
 * The window's content: menu and toolbar (search, model selector and its download), the wall with notices above it
 * and the Related panel side by side in a split pane, and the status bar (embedding progress, Resume, zoom).
 */
public final class MainView extends BorderPane {
    private static final javafx.css.PseudoClass UNAVAILABLE = javafx.css.PseudoClass.getPseudoClass("unavailable");
    static final double SEARCH_DELAY_MILLIS = 180;
    private final PinwallViewModel model;
    private final TextField searchField = new TextField();
    private final WallView wall;
    private final RelatedView related;
    private final MapView map;
    private final SplitPane split;
    private double restoredDivider = Double.NaN;
    private boolean dividerPlaced;
    private PauseTransition searchDelay; // debounces typing in the search field
    private final ThumbnailLoader loader;
    private javafx.stage.Stage duplicatesWindow;

    public MainView(PinwallViewModel model, ThumbnailLoader loader) {
        this.model = model;
        this.loader = loader;
        getStyleClass().add("main-view");
        wall = new WallView(model, loader);
        related = new RelatedView(model, loader);

        setTop(new VBox(menuBar(), toolBar(), downloadBar()));
        // the notice sits above the wall and pushes it down: it never covers a pin; the boards list is on its left
        // the map takes the wall's place when it is shown
        map = new MapView(model, loader);
        map.visibleProperty().bind(model.boards().modeProperty().isEqualTo(BoardsViewModel.Mode.MAP));
        wall.visibleProperty().bind(map.visibleProperty().not());
        map.managedProperty().bind(map.visibleProperty());
        javafx.scene.layout.StackPane views = new javafx.scene.layout.StackPane(wall, map);
        HBox walls = new HBox(new BoardsView(model), views);
        HBox.setHgrow(views, Priority.ALWAYS);
        VBox wallArea = new VBox(notice(), walls);
        wallArea.setId("wall-area");
        VBox.setVgrow(walls, Priority.ALWAYS);
        split = new SplitPane(wallArea, related);
        split.setId("split");
        split.getStyleClass().add("main-split");
        // a wider window widens the wall; the Related panel keeps its width until its divider is dragged
        SplitPane.setResizableWithParent(related, false);
        split.widthProperty().addListener(obs -> placeDivider());
        setCenter(split);
        setBottom(statusBar());
    }

    /** Where the divider goes once the split has a width: the remembered place, else the panel's default width. */
    private void placeDivider() {
        if (dividerPlaced || split.getWidth() <= 0) {
            return;
        }
        dividerPlaced = true;
        double position = Double.isNaN(restoredDivider)
                ? 1 - RelatedView.WIDTH / split.getWidth() : restoredDivider;
        split.setDividerPositions(Math.max(0.2, Math.min(0.9, position)));
    }

    /** Restores the divider (0–1) once laid out: before the first layout it is kept until then. */
    void restoreDivider(double position) {
        restoredDivider = position;
        if (dividerPlaced) {
            split.setDividerPositions(position);
        }
    }

    double dividerPosition() {
        return split.getDividerPositions()[0];
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open Folder…", new FontIcon("mdi2f-folder-open"));
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(event -> chooseFolder());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(event -> getScene().getWindow().hide());
        MenuItem back = new MenuItem("Back", new FontIcon("mdi2a-arrow-left"));
        back.setAccelerator(new KeyCodeCombination(KeyCode.BACK_SPACE));
        back.setOnAction(event -> model.back());
        back.disableProperty().bind(model.related().canGoBackProperty().not());
        MenuItem forward = new MenuItem("Forward", new FontIcon("mdi2a-arrow-right"));
        forward.setAccelerator(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN));
        forward.setOnAction(event -> model.forward());
        forward.disableProperty().bind(model.related().canGoForwardProperty().not());
        MenuItem stop = new MenuItem("Stop Embedding", new FontIcon("mdi2s-stop-circle-outline"));
        stop.setId("stop-embedding");
        stop.setOnAction(event -> model.cancelIndexing());
        stop.disableProperty().bind(model.runs().indexingProperty().not());
        MenuItem resume = new MenuItem("Resume Embedding", new FontIcon("mdi2p-play-circle-outline"));
        resume.setId("resume-embedding");
        resume.setOnAction(event -> model.runs().resume());
        resume.disableProperty().bind(model.runs().canResumeProperty().not());
        MenuItem find = new MenuItem("Search");
        find.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        find.setOnAction(event -> searchField.requestFocus());
        MenuItem zoomIn = new MenuItem("Bigger Thumbnails");
        zoomIn.setAccelerator(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN));
        zoomIn.setOnAction(event -> wall.zoomBy(WallView.ZOOM_STEP));
        MenuItem zoomOut = new MenuItem("Smaller Thumbnails");
        zoomOut.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        zoomOut.setOnAction(event -> wall.zoomBy(-WallView.ZOOM_STEP));
        MenuItem duplicates = new MenuItem("Duplicates…", new FontIcon("mdi2c-content-duplicate"));
        duplicates.setId("show-duplicates");
        duplicates.setOnAction(event -> showDuplicates());
        return new MenuBar(new Menu("File", null, open, quit),
                new Menu("View", null, find, zoomIn, zoomOut, duplicates),
                new Menu("Go", null, back, forward), new Menu("Embedding", null, stop, resume));
    }

    /** An HBox styled as a tool bar: on a narrow window the folder name and search field shrink, nothing hides. */
    private HBox toolBar() {
        Button open = iconButton("mdi2f-folder-open", "Open a folder (Ctrl+O)");
        open.setText("Open folder");
        open.setId("open-folder");
        open.setOnAction(event -> chooseFolder());
        Button back = iconButton("mdi2a-arrow-left", "Back (Backspace)");
        back.setId("back");
        back.setOnAction(event -> model.back());
        back.disableProperty().bind(model.related().canGoBackProperty().not());
        Button forward = iconButton("mdi2a-arrow-right", "Forward (Alt+Right)");
        forward.setId("forward");
        forward.setOnAction(event -> model.forward());
        forward.disableProperty().bind(model.related().canGoForwardProperty().not());

        Label brand = new Label("Pinwall", new FontIcon("mdi2p-pin-outline"));
        brand.getStyleClass().addAll("title-4", "brand");
        Label folder = new Label();
        folder.getStyleClass().add("text-muted");
        folder.textProperty().bind(Bindings.createStringBinding(() -> {
            Path dir = model.folderProperty().get();
            return dir == null ? "" : dir.getFileName() + " · " + String.format("%,d", model.getPhotos().size())
                    + " photos";
        }, model.folderProperty(), model.getPhotos()));
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label modelLabel = new Label("Model");
        modelLabel.getStyleClass().add("text-muted");
        folder.setMinWidth(40);
        HBox search = searchBox();
        HBox.setHgrow(search, Priority.SOMETIMES);
        Separator first = new Separator(javafx.geometry.Orientation.VERTICAL);
        Separator second = new Separator(javafx.geometry.Orientation.VERTICAL);
        for (javafx.scene.Node fixed : List.of(brand, first, open, back, forward, second, modelLabel)) {
            ((Region) fixed).setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(6, brand, first, open, back, forward, second, folder, search, spacer, modelLabel,
                modelSelector());
        bar.getStyleClass().add("tool-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** Filters the wall as the user types (after a short pause); Esc clears; shows how many photos match. */
    private HBox searchBox() {
        searchField.setId("search");
        searchField.setPromptText("Search names and labels");
        searchField.setPrefColumnCount(14);
        searchField.setMinWidth(110);
        Label count = new Label();
        count.setId("search-count");
        count.getStyleClass().add("text-muted");
        WallSearch search = model.search();
        count.textProperty().bind(Bindings.createStringBinding(() -> search.isActive()
                ? String.format("%,d of %,d", search.matchesBinding().get(), model.getPhotos().size()) : "",
                search.matchesBinding(), search.queryProperty(), model.getPhotos()));
        searchDelay = new PauseTransition(Duration.millis(SEARCH_DELAY_MILLIS));
        searchDelay.setOnFinished(event -> search.setQuery(searchField.getText()));
        searchField.textProperty().addListener((obs, was, now) -> searchDelay.playFromStart());
        searchField.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                searchDelay.stop();
                searchField.clear();
                search.clear();
                wall.grid().requestFocus();
                event.consume();
            } else if (event.getCode() == KeyCode.ENTER) {
                searchDelay.stop();
                search.setQuery(searchField.getText());
                event.consume();
            }
        });
        // the query can change without typing (a new folder clears it): the field follows
        search.queryProperty().addListener((obs, was, now) -> {
            if (!now.equals(searchField.getText().strip())) {
                searchField.setText(now);
                searchDelay.stop(); // the text is the query already: nothing to apply
            }
        });
        count.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(searchField, Priority.SOMETIMES);
        searchField.setMaxWidth(320);
        HBox box = new HBox(6, new FontIcon("mdi2m-magnify"), searchField, count);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("search-box");
        return box;
    }

    /**
     * The running model download under the toolbar: what, how far (bytes / total), and Cancel. Hidden when none
     * runs. Outside the toolbar so a narrow window cannot push it into the toolbar's overflow menu.
     */
    private HBox downloadBar() {
        ModelsViewModel models = model.models();
        Label what = new Label();
        what.getStyleClass().add("text-muted");
        what.textProperty().bind(Bindings.createStringBinding(() -> models.downloadingProperty().get() == null
                ? "" : "Downloading " + models.downloadingProperty().get().displayName(),
                models.downloadingProperty()));
        ProgressBar bar = new ProgressBar();
        bar.setId("download-progress");
        bar.setPrefWidth(260);
        bar.progressProperty().bind(models.downloadProgressProperty());
        Label text = new Label();
        text.setId("download-text");
        text.textProperty().bind(models.downloadTextProperty());
        text.setMinWidth(Region.USE_PREF_SIZE);
        Button cancel = new Button("Cancel", new FontIcon("mdi2c-close-circle-outline"));
        cancel.setId("cancel-download");
        cancel.getStyleClass().add("small");
        cancel.setOnAction(event -> models.cancelDownload());
        FontIcon icon = new FontIcon("mdi2c-cloud-download-outline");
        HBox box = new HBox(10, icon, what, bar, text, cancel);
        box.setId("download-box");
        box.getStyleClass().add("download-bar");
        box.setAlignment(Pos.CENTER_LEFT);
        box.visibleProperty().bind(models.busyProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private ComboBox<ModelChoice> modelSelector() {
        ModelsViewModel models = model.models();
        ComboBox<ModelChoice> combo = new ComboBox<>(models.getModels());
        combo.setId("model");
        combo.setPrefWidth(250);
        combo.setMinWidth(170);
        combo.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ModelChoice choice, boolean empty) {
                super.updateItem(choice, empty);
                setTooltip(null);
                pseudoClassStateChanged(UNAVAILABLE, false);
                if (empty || choice == null) {
                    setText(null);
                    return;
                }
                setText(ModelsViewModel.label(choice));
                // unavailable models stay pickable: picking one says why it cannot be used
                pseudoClassStateChanged(UNAVAILABLE, !choice.available() && !choice.downloadable());
                if (!choice.reason().isBlank()) {
                    setTooltip(new Tooltip(choice.reason()));
                }
            }
        });
        combo.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(ModelChoice choice, boolean empty) {
                super.updateItem(choice, empty);
                setText(empty || choice == null ? "Loading…" : choice.displayName());
            }
        });
        combo.disableProperty().bind(model.openingProperty().or(models.busyProperty()));
        combo.setValue(models.modelProperty().get());
        models.modelProperty().addListener((obs, was, now) -> combo.setValue(now));
        combo.setOnAction(event -> {
            ModelChoice picked = combo.getValue();
            if (picked != null && !picked.equals(models.modelProperty().get())) {
                models.pick(picked);
                // the selector shows the model in use until another one is actually open
                combo.setValue(models.modelProperty().get());
            }
        });
        return combo;
    }

    private HBox notice() {
        Label text = new Label();
        text.setId("notice");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        // wrap rather than cut: an HBox would otherwise give the label one line
        text.setMinWidth(0);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.textProperty().bind(model.status().noticeProperty());
        Button close = iconButton("mdi2c-close", "Dismiss");
        close.setId("dismiss-notice");
        close.setOnAction(event -> model.status().dismissNotice());
        HBox box = new HBox(10, new FontIcon("mdi2i-information-outline"), text, close);
        HBox.setHgrow(text, Priority.ALWAYS);
        box.setAlignment(Pos.TOP_LEFT);
        box.setId("notice-box");
        box.getStyleClass().add("notice");
        VBox.setMargin(box, new Insets(8, 10, 0, 10));
        box.visibleProperty().bind(model.status().noticeProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private HBox statusBar() {
        FontIcon icon = new FontIcon("mdi2i-information-outline");
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(model.status().statusProperty());
        status.setGraphic(icon);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setMinWidth(120);
        HBox.setHgrow(status, Priority.ALWAYS);

        ProgressBar bar = new ProgressBar();
        bar.setId("index-progress");
        bar.setPrefWidth(220);
        bar.setMinWidth(220);
        bar.progressProperty().bind(model.runs().progressProperty());
        Label progressText = new Label();
        progressText.setId("index-progress-text");
        progressText.textProperty().bind(model.runs().progressTextProperty());
        // a fixed width: the Stop button must not move while the figures change
        progressText.setMinWidth(250);
        progressText.setPrefWidth(250);
        Label embedding = new Label("Embedding");
        embedding.getStyleClass().add("text-muted");
        Button cancel = iconButton("mdi2s-stop-circle-outline", "Stop embedding (what is done is kept)");
        cancel.setId("cancel-index");
        cancel.setOnAction(event -> model.cancelIndexing());
        HBox progress = new HBox(8, embedding, bar, progressText, cancel);
        progress.setAlignment(Pos.CENTER_RIGHT);
        progress.visibleProperty().bind(model.runs().indexingProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        Button resume = new Button("Resume", new FontIcon("mdi2p-play-circle-outline"));
        resume.setId("resume-index");
        resume.getStyleClass().addAll("flat", "small");
        resume.setTooltip(new Tooltip("Embed the photos that are left"));
        resume.setOnAction(event -> model.runs().resume());
        resume.visibleProperty().bind(model.runs().canResumeProperty());
        resume.managedProperty().bind(resume.visibleProperty());

        Slider zoom = new Slider(WallView.MIN_ZOOM, WallView.MAX_ZOOM, wall.zoomProperty().get());
        zoom.setId("zoom");
        zoom.setPrefWidth(130);
        zoom.setTooltip(new Tooltip("Thumbnail size (Ctrl+wheel on the wall)"));
        zoom.valueProperty().bindBidirectional(wall.zoomProperty());
        HBox zoomBox = new HBox(6, new FontIcon("mdi2i-image-size-select-small"), zoom,
                new FontIcon("mdi2i-image-size-select-large"));
        zoomBox.setAlignment(Pos.CENTER_RIGHT);
        zoomBox.setMinWidth(Region.USE_PREF_SIZE);

        HBox bar0 = new HBox(12, status, resume, progress, new Separator(javafx.geometry.Orientation.VERTICAL),
                zoomBox);
        bar0.getStyleClass().add("status-bar");
        bar0.setAlignment(Pos.CENTER_LEFT);
        return bar0;
    }

    private static Button iconButton(String icon, String tip) {
        Button button = new Button(null, new FontIcon(icon));
        button.getStyleClass().add("flat");
        button.setTooltip(new Tooltip(tip));
        return button;
    }

    /** View › Duplicates…: a window listing the groups of near-identical photos, searched afresh each time. */
    void showDuplicates() {
        if (duplicatesWindow == null) {
            duplicatesWindow = new javafx.stage.Stage();
            duplicatesWindow.setTitle("Duplicates — Pinwall");
            duplicatesWindow.initOwner(getScene() == null ? null : getScene().getWindow());
            javafx.scene.Scene scene = new javafx.scene.Scene(new DuplicatesView(model.duplicates(), loader, model::pin),
                    640, 520);
            if (getScene() != null) {
                scene.getStylesheets().setAll(getScene().getStylesheets());
            }
            duplicatesWindow.setScene(scene);
        }
        model.duplicates().find();
        duplicatesWindow.show();
        duplicatesWindow.toFront();
    }

    /** Ctrl+O, the toolbar button and the menu item. */
    public void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a folder of photos");
        Path current = model.folderProperty().get();
        if (current != null && current.getParent() != null && current.getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(current.getParent().toFile());
        }
        Window window = getScene() == null ? null : getScene().getWindow();
        File dir = chooser.showDialog(window);
        if (dir != null) {
            model.openFolder(dir.toPath());
        }
    }

    SplitPane split() {
        return split;
    }

    TextField searchField() {
        return searchField;
    }

    WallView wall() {
        return wall;
    }

    MapView map() {
        return map;
    }

    RelatedView related() {
        return related;
    }
}
