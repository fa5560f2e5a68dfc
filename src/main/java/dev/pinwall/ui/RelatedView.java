package dev.pinwall.ui;

import dev.pinwall.labels.LabelSuggestions;
import dev.pinwall.library.Match;
import dev.pinwall.library.Photo;
import dev.pinwall.metadata.ProductInfo;
import dev.pinwall.similarity.SimilarityMode;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ProgressBar;
import javafx.util.StringConverter;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridView;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.util.List;

/**
 * The right side: the pin's picture and details, facet toggles, and the grid of related photos with their scores.
 * Dropping an image here asks what it resembles without adding it.
 */
final class RelatedView extends VBox {
    static final double CELL_WIDTH = 128;
    static final double CELL_HEIGHT = 164;
    static final double WIDTH = 3 * CELL_WIDTH + 5 * 6 + 64; // three columns, padding and a scroll bar
    static final double MIN_WIDTH = 2 * CELL_WIDTH + 3 * 6 + 64;

    private final GridView<Match> grid;
    private final Thumbnail pinPicture;
    private final Label pinName = new Label();
    private final GridPane details = new GridPane();
    private final GridPane suggested = new GridPane();

    RelatedView(PinwallViewModel model, ThumbnailLoader loader) {
        RelatedViewModel related = model.related();
        getStyleClass().add("related-panel");
        setId("related-panel");
        // the split pane's divider sets the width: two columns at least
        setPrefWidth(WIDTH);
        setMinWidth(MIN_WIDTH);

        pinPicture = new Thumbnail(loader, 96, 112);
        pinName.getStyleClass().addAll("title-4", "pin-title");
        pinName.setWrapText(true);
        details.getStyleClass().add("details");
        details.setHgap(10);
        details.setVgap(2);
        suggested.setId("suggested-labels");
        suggested.getStyleClass().addAll("details", "suggested");
        suggested.setHgap(10);
        suggested.setVgap(2);
        suggested.managedProperty().bind(suggested.visibleProperty());
        related.suggestionsProperty().addListener((obs, was, now) -> showSuggestions(now));
        showSuggestions(related.suggestionsProperty().get());
        VBox pinText = new VBox(6, pinName, details, suggested);
        HBox.setHgrow(pinText, Priority.ALWAYS);
        HBox pinBox = new HBox(12, pinPicture, pinText);
        pinBox.getStyleClass().add("pin-card");
        pinBox.visibleProperty().bind(related.pinProperty().isNotNull().or(related.outsideImageProperty().isNotNull()));
        pinBox.managedProperty().bind(pinBox.visibleProperty());

        ToggleButton sameType = facet("Type", "mdi2s-shape-outline", related.sameTypeProperty(),
                related, ProductInfo::articleType);
        ToggleButton sameGender = facet("Gender", "mdi2h-human-male-female", related.sameGenderProperty(),
                related, ProductInfo::gender);
        ToggleButton sameColour = facet("Colour", "mdi2p-palette-outline", related.sameColourProperty(),
                related, ProductInfo::baseColour);
        Label same = new Label("Only same");
        same.getStyleClass().addAll("text-muted", "facet-label");
        HBox facets = new HBox(6, same, sameType, sameGender, sameColour);
        facets.setAlignment(Pos.CENTER_LEFT);
        facets.getStyleClass().add("facets");
        facets.visibleProperty().bind(related.facetsAvailableBinding());
        facets.managedProperty().bind(facets.visibleProperty());
        // The panel's settings area: how "related" is computed. Similarity options (e.g. plain vs
        // collection-aware similarity, learning from labels) belong here, next to the facets.
        ChoiceBox<SimilarityMode> similarity = new ChoiceBox<>(
                FXCollections.observableArrayList(SimilarityMode.COLLECTION, SimilarityMode.PLAIN));
        similarity.setId("similarity");
        similarity.setConverter(new StringConverter<>() {
            @Override
            public String toString(SimilarityMode mode) {
                return mode == null ? "" : switch (mode) {
                    case PLAIN -> "Plain (original method)";
                    case COLLECTION -> "Collection-aware (default)";
                    case BEST -> "Best quality";
                };
            }

            @Override
            public SimilarityMode fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        similarity.valueProperty().bindBidirectional(related.similarityProperty());
        similarity.setTooltip(new javafx.scene.control.Tooltip("How related photos are ranked: collection-aware"
                + " similarity is fitted on this collection; plain is the cosine of the model's features"));
        Label similarityLabel = new Label("Similarity");
        similarityLabel.getStyleClass().addAll("text-muted", "facet-label");
        Label similarityNote = new Label();
        similarityNote.setId("similarity-note");
        similarityNote.getStyleClass().add("text-muted");
        similarityNote.textProperty().bind(related.similarityNoteProperty());
        similarityNote.visibleProperty().bind(related.similarityNoteProperty().isNotEmpty());
        similarityNote.managedProperty().bind(similarityNote.visibleProperty());
        CheckBox hideDuplicates = new CheckBox("Hide duplicates");
        hideDuplicates.setId("hide-duplicates");
        hideDuplicates.setTooltip(new javafx.scene.control.Tooltip("Show one photo of each group of near-identical"
                + " photos (re-encoded, resized or cropped copies), and none of the pin's own copies"));
        hideDuplicates.selectedProperty().bindBidirectional(related.hideDuplicatesProperty());
        HBox similarityRow = new HBox(6, similarityLabel, similarity, similarityNote);
        similarityRow.setAlignment(Pos.CENTER_LEFT);
        VBox settingsArea = new VBox(6, facets, similarityRow, hideDuplicates, learnRow(model.learning()));
        settingsArea.setId("related-settings");
        settingsArea.getStyleClass().add("related-settings");

        Label title = new Label("Related", new FontIcon("mdi2v-view-dashboard-outline"));
        title.getStyleClass().addAll("title-3", "related-title");
        Label message = new Label();
        message.setId("related-message");
        message.getStyleClass().addAll("text-muted", "related-message");
        message.setWrapText(true);
        message.textProperty().bind(related.messageProperty());
        ProgressIndicator searching = new ProgressIndicator();
        searching.setMaxSize(16, 16);
        searching.visibleProperty().bind(related.stateProperty().isEqualTo(RelatedViewModel.State.SEARCHING));
        searching.managedProperty().bind(searching.visibleProperty());
        HBox header = new HBox(8, title, searching);
        header.setAlignment(Pos.CENTER_LEFT);

        grid = new GridView<>(related.getMatches());
        grid.setId("related");
        grid.getStyleClass().add("related-grid");
        grid.setCellWidth(CELL_WIDTH);
        grid.setCellHeight(CELL_HEIGHT);
        grid.setHorizontalCellSpacing(6);
        grid.setVerticalCellSpacing(6);
        grid.setCellFactory(g -> new RelatedCell(loader, CELL_WIDTH, CELL_HEIGHT, model::pin));
        Label dropHint = new Label("Drop an image here to find similar photos without adding it",
                new FontIcon("mdi2m-magnify"));
        dropHint.getStyleClass().add("drop-hint");
        dropHint.setWrapText(true);
        StackPane dropOverlay = new StackPane(dropHint);
        dropOverlay.getStyleClass().add("drop-overlay");
        dropOverlay.setMouseTransparent(true);
        dropOverlay.setVisible(false);
        FontIcon emptyIcon = new FontIcon("mdi2i-image-search-outline");
        emptyIcon.getStyleClass().add("related-empty-icon");
        StackPane empty = new StackPane(emptyIcon);
        empty.setMouseTransparent(true);
        StackPane.setAlignment(emptyIcon, Pos.TOP_CENTER);
        StackPane.setMargin(emptyIcon, new Insets(60, 0, 0, 0));
        empty.visibleProperty().bind(Bindings.isEmpty(related.getMatches()));
        StackPane gridBox = new StackPane(grid, empty, dropOverlay);
        VBox.setVgrow(gridBox, Priority.ALWAYS);

        getChildren().addAll(pinBox, settingsArea, header, message, gridBox);
        setSpacing(10);
        setPadding(new Insets(14, 12, 8, 14));

        related.pinProperty().addListener((obs, was, photo) -> showPin(photo, related.outsideImageProperty().get()));
        related.outsideImageProperty().addListener((obs, was, path) -> showPin(related.getPin(), path));
        // the first dropped item is the query; a folder or non-image gets its reason in the panel's message
        FileDrops.install(this, dropOverlay::setVisible, paths -> model.showSimilarTo(paths.get(0)));
    }

    /** "Learn from labels" (when the collection has them): the button, then progress and Cancel, then the toggle. */
    private static VBox learnRow(LearnViewModel learning) {
        Button learn = new Button("Learn from labels", new FontIcon("mdi2s-school-outline"));
        learn.setId("learn-labels");
        learn.getStyleClass().add("small");
        learn.setTooltip(new javafx.scene.control.Tooltip("Learn from this collection's product types which photos"
                + " belong together, and rank related photos with it"));
        learn.setOnAction(e -> learning.learn());
        learn.disableProperty().bind(learning.runningProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("learn-progress");
        bar.progressProperty().bind(learning.progressProperty());
        bar.visibleProperty().bind(learning.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("learn-cancel");
        cancel.getStyleClass().add("small");
        cancel.setOnAction(e -> learning.cancel());
        cancel.visibleProperty().bind(learning.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        CheckBox use = new CheckBox("Use what was learned");
        use.setId("use-projection");
        use.selectedProperty().bindBidirectional(learning.useProjectionProperty());
        use.visibleProperty().bind(learning.learnedProperty());
        use.managedProperty().bind(use.visibleProperty());
        HBox controls = new HBox(6, learn, bar, cancel, use);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label();
        note.setId("learn-message");
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        note.textProperty().bind(learning.messageProperty());
        note.visibleProperty().bind(learning.messageProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        VBox row = new VBox(4, controls, note);
        row.visibleProperty().bind(learning.availableProperty());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private static ToggleButton facet(String text, String icon, javafx.beans.property.BooleanProperty property,
                                      RelatedViewModel related, java.util.function.Function<ProductInfo, String> field) {
        ToggleButton button = new ToggleButton(text, new FontIcon(icon));
        // a pin without this label cannot be matched on it
        button.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Photo pin = related.getPin();
            return pin == null || pin.info() == null || field.apply(pin.info()).isBlank();
        }, related.pinProperty()));
        button.setTooltip(new javafx.scene.control.Tooltip("Only photos with the pin's " + text.toLowerCase()));
        button.getStyleClass().addAll("small", "facet");
        button.selectedProperty().bindBidirectional(property);
        return button;
    }

    private void showPin(Photo photo, Path outside) {
        details.getChildren().clear();
        if (photo == null && outside == null) {
            pinPicture.clear();
            pinName.setText("");
            return;
        }
        if (photo == null) {
            pinPicture.show(outside, null);
            pinName.setText(outside.getFileName().toString());
            row(0, "Query", "dropped image, not added");
            return;
        }
        pinPicture.show(photo.path(), null);
        ProductInfo info = photo.info();
        pinName.setText(info != null && !info.displayName().isBlank() ? info.displayName() : photo.name());
        if (info == null) {
            row(0, "File", photo.name());
            return;
        }
        List<String[]> rows = List.of(
                new String[]{"Type", info.articleType()},
                new String[]{"Category", join(info.masterCategory(), info.subCategory())},
                new String[]{"Colour", info.baseColour()},
                new String[]{"Gender", info.gender()},
                new String[]{"Season", join(info.season(), info.year())},
                new String[]{"Usage", info.usage()},
                new String[]{"File", photo.name()});
        int r = 0;
        for (String[] pair : rows) {
            if (!pair[1].isBlank()) {
                row(r++, pair[0], pair[1]);
            }
        }
    }

    /** Labels voted by similar labelled photos, for a pin that has none: marked as suggestions, with confidence. */
    private void showSuggestions(LabelSuggestions suggestions) {
        suggested.getChildren().clear();
        suggested.setVisible(!suggestions.isEmpty());
        if (suggestions.isEmpty()) {
            return;
        }
        Label title = new Label("Suggested from " + suggestions.neighbours() + " similar labelled photos");
        title.getStyleClass().addAll("text-muted", "suggested-title");
        suggested.add(title, 0, 0, 2, 1);
        int r = 1;
        for (var entry : suggestions.byColumn().entrySet()) {
            Label k = new Label(entry.getKey().title());
            k.getStyleClass().addAll("text-muted", "detail-key");
            Label v = new Label(String.format(java.util.Locale.ROOT, "%s?  %.0f%%", entry.getValue().value(),
                    100 * entry.getValue().confidence()));
            v.getStyleClass().addAll("detail-value", "suggested-value");
            v.setStyle("-fx-font-style: italic;");
            suggested.addRow(r++, k, v);
        }
    }

    private void row(int r, String key, String value) {
        Label k = new Label(key);
        k.getStyleClass().addAll("text-muted", "detail-key");
        Label v = new Label(value);
        v.getStyleClass().add("detail-value");
        details.addRow(r, k, v);
    }

    private static String join(String a, String b) {
        if (a.isBlank()) {
            return b;
        }
        return b.isBlank() ? a : a + " · " + b;
    }

    GridView<Match> grid() {
        return grid;
    }
}
