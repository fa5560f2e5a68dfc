package dev.pinwall.ui;

import dev.pinwall.boards.Board;
import dev.pinwall.library.Photo;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The side list left of the wall: what the wall shows (every photo, For you, the map) and the boards. Clicking a
 * board opens it as the wall; its context menu has "More like this board", Rename and Delete; a pin dragged onto a
 * board is saved to it.
 */
final class BoardsView extends VBox {
    static final double WIDTH = 180;

    private final PinwallViewModel model;
    private final ListView<Board> list;
    private boolean syncing;

    BoardsView(PinwallViewModel model) {
        this.model = model;
        BoardsViewModel boards = model.boards();
        getStyleClass().add("boards-pane");
        setId("boards-pane");
        setPrefWidth(WIDTH);
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setSpacing(4);
        setPadding(new Insets(8));

        ToggleGroup views = new ToggleGroup();
        ToggleButton all = viewButton("view-all", "All photos", "mdi2v-view-grid-outline", views);
        all.setOnAction(event -> boards.showAll());
        ToggleButton forYou = viewButton("view-for-you", "For you", "mdi2s-star-outline", views);
        forYou.setOnAction(event -> boards.showForYou());
        forYou.setTooltip(new Tooltip("Photos like the ones you saved, varied"));
        ToggleButton map = viewButton("view-map", "Map", "mdi2m-map-outline", views);
        map.setOnAction(event -> boards.showMap());
        map.setTooltip(new Tooltip("Every photo placed by what it looks like"));

        Label heading = new Label("Boards");
        heading.getStyleClass().addAll("text-muted", "boards-heading");
        Pane spacer = new Pane();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button add = new Button(null, new FontIcon("mdi2p-plus"));
        add.setId("new-board");
        add.getStyleClass().addAll("flat", "small");
        add.setTooltip(new Tooltip("New board"));
        add.setOnAction(event -> askName("New board", "").ifPresent(boards::create));
        HBox head = new HBox(4, heading, spacer, add);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(10, 0, 0, 0));

        list = new ListView<>(boards.getBoards());
        list.setId("boards");
        list.getStyleClass().add("boards-list");
        list.setPlaceholder(new Label("Save pins with their pin button or S"));
        ((Label) list.getPlaceholder()).setWrapText(true);
        list.setCellFactory(l -> new BoardCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, board) -> {
            if (board != null && !syncing) {
                boards.openBoard(board.name());
            }
        });

        boards.modeProperty().addListener(obs -> sync(all, forYou, map));
        boards.openBoardProperty().addListener(obs -> sync(all, forYou, map));
        sync(all, forYou, map);
        getChildren().addAll(all, forYou, map, head, list);
    }

    private static ToggleButton viewButton(String id, String text, String icon, ToggleGroup group) {
        ToggleButton button = new ToggleButton(text, new FontIcon(icon));
        button.setId(id);
        button.setToggleGroup(group);
        button.getStyleClass().addAll("flat", "view-toggle");
        button.setMaxWidth(Double.MAX_VALUE);
        button.setAlignment(Pos.CENTER_LEFT);
        return button;
    }

    /** The toggles and the list follow the mode, whoever changed it. */
    private void sync(ToggleButton all, ToggleButton forYou, ToggleButton map) {
        BoardsViewModel.Mode mode = model.boards().getMode();
        all.setSelected(mode == BoardsViewModel.Mode.ALL);
        forYou.setSelected(mode == BoardsViewModel.Mode.FOR_YOU);
        map.setSelected(mode == BoardsViewModel.Mode.MAP);
        syncing = true;
        String open = model.boards().openBoardProperty().get();
        if (mode == BoardsViewModel.Mode.BOARD && open != null) {
            list.getItems().stream().filter(b -> b.name().equals(open)).findFirst()
                    .ifPresent(b -> list.getSelectionModel().select(b));
        } else {
            list.getSelectionModel().clearSelection();
        }
        syncing = false;
    }

    /** Asks for a board name; empty when cancelled or blank. */
    static Optional<String> askName(String title, String current) {
        TextInputDialog dialog = new TextInputDialog(current);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText("Board name:");
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A board: its name and how many pins; its menu; a drop target for pins. */
    private final class BoardCell extends ListCell<Board> {
        BoardCell() {
            setOnDragOver(event -> {
                if (getItem() != null && event.getDragboard().hasContent(PinCell.PIN)) {
                    event.acceptTransferModes(TransferMode.LINK);
                    event.consume();
                }
            });
            setOnDragDropped(event -> {
                Object path = event.getDragboard().getContent(PinCell.PIN);
                Optional<Photo> photo = path == null || model.library() == null ? Optional.empty()
                        : model.library().photo(Path.of(path.toString()));
                photo.ifPresent(p -> model.boards().save(p, getItem().name()));
                event.setDropCompleted(photo.isPresent());
                event.consume();
            });
        }

        @Override
        protected void updateItem(Board board, boolean empty) {
            super.updateItem(board, empty);
            if (empty || board == null) {
                setText(null);
                setGraphic(null);
                setContextMenu(null);
                return;
            }
            setText(board.name() + "  ·  " + board.pins().size());
            setGraphic(new FontIcon("mdi2b-bookmark-outline"));
            BoardsViewModel boards = model.boards();
            MenuItem more = new MenuItem("More like this board");
            more.setOnAction(event -> boards.moreLike(board.name()));
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(event -> askName("Rename board", board.name())
                    .ifPresent(name -> boards.rename(board.name(), name)));
            MenuItem delete = new MenuItem("Delete");
            delete.setOnAction(event -> boards.delete(board.name()));
            setContextMenu(new ContextMenu(more, rename, delete));
        }
    }
}
