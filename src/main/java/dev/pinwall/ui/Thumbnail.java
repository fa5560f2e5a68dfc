package dev.pinwall.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;

/**
 * A rounded thumbnail box that cells reuse: a neutral placeholder while loading, the image once decoded, or a
 * broken-image tile whose tooltip says why. Asks the {@link ThumbnailLoader} and drops its request when reused.
 */
final class Thumbnail extends StackPane {
    private final ThumbnailLoader loader;
    private final ImageView view = new ImageView();
    private final FontIcon loadingIcon = new FontIcon("mdi2i-image-outline");
    private final FontIcon brokenIcon = new FontIcon("mdi2i-image-broken-variant");
    private final Tooltip brokenTip = new Tooltip();
    private static final javafx.css.PseudoClass BROKEN = javafx.css.PseudoClass.getPseudoClass("broken");
    private boolean tipInstalled;
    private ThumbnailLoader.Request request;
    private Path shown;
    private final Rectangle clip = new Rectangle();

    Thumbnail(ThumbnailLoader loader, double width, double height) {
        this.loader = loader;
        getStyleClass().add("thumbnail");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        clip.setArcWidth(16);
        clip.setArcHeight(16);
        setClip(clip);
        setSize(width, height);
        loadingIcon.getStyleClass().add("thumbnail-loading");
        brokenIcon.getStyleClass().add("thumbnail-broken");
        brokenTip.setWrapText(true);
        brokenTip.setMaxWidth(320);
        setAlignment(Pos.CENTER);
        getChildren().addAll(loadingIcon, brokenIcon, view);
        clear();
    }

    /** Resizes the box (the wall's cells follow its zoom); the picture keeps its aspect ratio inside. */
    void setSize(double width, double height) {
        if (width == getPrefWidth() && height == getPrefHeight()) {
            return;
        }
        setMinSize(width, height);
        setPrefSize(width, height);
        setMaxSize(width, height);
        view.setFitWidth(Math.max(1, width - 12));
        view.setFitHeight(Math.max(1, height - 12));
        clip.setWidth(width);
        clip.setHeight(height);
    }

    /** Shows {@code path}'s thumbnail, or the broken tile when {@code failure} (e.g. an embedding error) is given. */
    void show(Path path, String failure) {
        if (failure != null) {
            cancelRequest();
            shown = path;
            broken(failure);
            return;
        }
        if (path.equals(shown) && (view.getImage() != null || request != null)) {
            return;
        }
        cancelRequest();
        shown = path;
        view.setImage(null);
        state(false, false);
        request = loader.load(path, this::loaded, this::broken);
    }

    /** Empty cell. */
    void clear() {
        cancelRequest();
        shown = null;
        view.setImage(null);
        state(false, false);
        loadingIcon.setVisible(false);
    }

    /** Nothing asked for, or what was asked for has arrived (picture or broken tile). */
    boolean isSettled() {
        return shown == null || isLoaded() || isBroken();
    }

    boolean isLoaded() {
        return view.getImage() != null;
    }

    boolean isBroken() {
        return brokenIcon.isVisible();
    }

    private void loaded(Image image) {
        request = null;
        view.setImage(image);
        state(true, false);
    }

    private void broken(String reason) {
        request = null;
        view.setImage(null);
        brokenTip.setText(reason);
        state(false, true);
    }

    private void state(boolean loaded, boolean broken) {
        loadingIcon.setVisible(!loaded && !broken);
        brokenIcon.setVisible(broken);
        view.setVisible(loaded);
        pseudoClassStateChanged(BROKEN, broken);
        if (broken != tipInstalled) {
            if (broken) {
                Tooltip.install(this, brokenTip);
            } else {
                Tooltip.uninstall(this, brokenTip);
            }
            tipInstalled = broken;
        }
    }

    private void cancelRequest() {
        if (request != null) {
            request.cancel();
            request = null;
        }
    }
}
