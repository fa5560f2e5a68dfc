package dev.pinwall.ui;

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
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Path;

/** The window's content: menu and toolbar, the wall, the Related panel, notices and the status bar. */
public final class MainView extends BorderPane {
    private final PinwallViewModel model;
    private final WallView wall;
    private final RelatedView related;

    public MainView(PinwallViewModel model, ThumbnailLoader loader) {
        this.model = model;
        getStyleClass().add("main-view");
        wall = new WallView(model, loader);
        related = new RelatedView(model, loader);

        setTop(new VBox(menuBar(), toolBar()));
        StackPane center = new StackPane(wall, notice());
        StackPane.setAlignment(center.getChildren().get(1), Pos.TOP_CENTER);
        setCenter(center);
        setRight(related);
        setBottom(statusBar());
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
        stop.setOnAction(event -> model.cancelIndexing());
        stop.disableProperty().bind(model.runs().indexingProperty().not());
        return new MenuBar(new Menu("File", null, open, quit), new Menu("Go", null, back, forward),
                new Menu("Embedding", null, stop));
    }

    private ToolBar toolBar() {
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
        return new ToolBar(brand, new Separator(), open, back, forward, new Separator(), folder, spacer,
                modelLabel, modelSelector());
    }

    private ComboBox<ModelChoice> modelSelector() {
        ComboBox<ModelChoice> combo = new ComboBox<>(model.models().getModels());
        combo.setId("model");
        combo.setPrefWidth(270);
        combo.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ModelChoice choice, boolean empty) {
                super.updateItem(choice, empty);
                setDisable(false);
                setTooltip(null);
                if (empty || choice == null) {
                    setText(null);
                    return;
                }
                setText(choice.available() ? choice.displayName() : choice.displayName() + " — unavailable");
                setDisable(!choice.available());
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
        combo.disableProperty().bind(model.openingProperty());
        combo.setValue(model.models().modelProperty().get());
        model.models().modelProperty().addListener((obs, was, now) -> combo.setValue(now));
        combo.setOnAction(event -> {
            ModelChoice picked = combo.getValue();
            if (picked != null && !picked.equals(model.models().modelProperty().get())) {
                model.models().pick(picked);
                if (!picked.available()) {
                    combo.setValue(model.models().modelProperty().get());
                }
            }
        });
        return combo;
    }

    private StackPane notice() {
        Label text = new Label();
        text.setId("notice");
        text.setWrapText(true);
        text.textProperty().bind(model.status().noticeProperty());
        Button close = iconButton("mdi2c-close", "Dismiss");
        close.setOnAction(event -> model.status().dismissNotice());
        HBox box = new HBox(10, new FontIcon("mdi2i-information-outline"), text, close);
        HBox.setHgrow(text, Priority.ALWAYS);
        box.setAlignment(Pos.TOP_LEFT);
        box.getStyleClass().add("notice");
        box.setMaxWidth(560);
        StackPane holder = new StackPane(box);
        holder.setPadding(new Insets(12));
        holder.setMaxHeight(Region.USE_PREF_SIZE);
        holder.setPickOnBounds(false);
        holder.visibleProperty().bind(model.status().noticeProperty().isNotNull());
        return holder;
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
        progressText.setMinWidth(Region.USE_PREF_SIZE);
        Label embedding = new Label("Embedding");
        embedding.getStyleClass().add("text-muted");
        Button cancel = iconButton("mdi2s-stop-circle-outline", "Stop embedding (what is done is kept)");
        cancel.setId("cancel-index");
        cancel.setOnAction(event -> model.cancelIndexing());
        HBox progress = new HBox(8, embedding, bar, progressText, cancel);
        progress.setAlignment(Pos.CENTER_RIGHT);
        progress.visibleProperty().bind(model.runs().indexingProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        HBox bar0 = new HBox(12, status, progress);
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

    WallView wall() {
        return wall;
    }

    RelatedView related() {
        return related;
    }
}
