package dev.pinwall.ui;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts the window back as the user left it (size, position, maximised, split divider, thumbnail size) from the
 * {@link Settings}, and records it there. Recording does not save: the caller does, off the UI thread or at exit.
 */
final class WindowState {
    private WindowState() {
    }

    /** Applies what {@code settings} remember; a placement off every screen (a monitor gone) is ignored. */
    static void restore(Settings settings, Stage stage, MainView view) {
        settings.window().ifPresent(p -> {
            Rectangle2D bounds = new Rectangle2D(p.x(), p.y(), Math.max(1, p.width()), Math.max(1, p.height()));
            if (!Screen.getScreensForRectangle(bounds).isEmpty()) {
                stage.setX(p.x());
                stage.setY(p.y());
                stage.setWidth(p.width());
                stage.setHeight(p.height());
            }
            stage.setMaximized(p.maximized());
        });
        restoreView(settings, view);
    }

    /** The window's content only: zoom and divider. */
    static void restoreView(Settings settings, MainView view) {
        settings.zoom().ifPresent(z -> view.wall().zoomProperty().set(
                Math.max(WallView.MIN_ZOOM, Math.min(WallView.MAX_ZOOM, z))));
        settings.divider().ifPresent(d -> view.restoreDivider(Math.max(0.2, Math.min(0.9, d))));
    }

    /** Records the window's placement and content in {@code settings} (in memory). */
    static void remember(Settings settings, Stage stage, MainView view) {
        if (!stage.isMaximized() && stage.getWidth() > 0 && stage.getHeight() > 0) {
            settings.setWindow(new Settings.WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), false));
        } else if (stage.isMaximized()) {
            // keep the size to return to when un-maximised
            settings.window().ifPresent(p -> settings.setWindow(new Settings.WindowPlacement(p.x(), p.y(),
                    p.width(), p.height(), true)));
        }
        settings.setZoom(view.wall().zoomProperty().get());
        settings.setDivider(view.dividerPosition());
    }
}
