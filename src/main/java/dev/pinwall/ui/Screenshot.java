package dev.pinwall.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * {@code --screenshot}: waits until the folder is open, embedding has finished, the Related panel is filled and every
 * visible thumbnail has arrived, then writes the window to a PNG and exits (0, or 1 with a logged reason).
 */
final class Screenshot {
    private static final Logger LOG = LoggerFactory.getLogger(Screenshot.class);
    private static final int STABLE_POLLS = 3;

    private final Scene scene;
    private final PinwallViewModel model;
    private final ThumbnailLoader loader;
    private final Path file;
    private final IntConsumer exit;
    private final long deadline;
    private Timeline poll;
    private int stable;

    private Screenshot(Scene scene, PinwallViewModel model, ThumbnailLoader loader, Path file,
                       java.time.Duration timeout, IntConsumer exit) {
        this.scene = scene;
        this.model = model;
        this.loader = loader;
        this.file = file;
        this.exit = exit;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /** Starts polling on the UI thread; {@code exit} is called with the process status once done. */
    static void takeWhenReady(Scene scene, PinwallViewModel model, ThumbnailLoader loader, Path file,
                              java.time.Duration timeout, IntConsumer exit) {
        Screenshot shot = new Screenshot(scene, model, loader, file, timeout, exit);
        shot.poll = new Timeline(new KeyFrame(Duration.millis(200), event -> shot.check()));
        shot.poll.setCycleCount(Timeline.INDEFINITE);
        shot.poll.play();
    }

    private void check() {
        if (model.folderProperty().get() == null && !model.openingProperty().get()
                && model.status().problemProperty().get() != null) {
            stable++;
            if (stable < STABLE_POLLS) {
                return; // let the window lay out the error before it is captured
            }
            finish(model.status().problemProperty().get());
            return;
        }
        String saveProblem = model.boards().startProblemProperty().get();
        if (saveProblem != null) {
            finish(saveProblem); // --save named a photo that is not there: say so, with what was shown
            return;
        }
        stable = ready() ? stable + 1 : 0;
        if (stable >= STABLE_POLLS) {
            finish(null);
        } else if (System.nanoTime() > deadline) {
            finish("timed out waiting for the wall and the Related panel to fill ("
                    + model.status().getStatus() + "; related: " + model.related().getMessage() + ")");
        }
    }

    private boolean ready() {
        RelatedViewModel.State state = model.related().getState();
        boolean relatedDone = state == RelatedViewModel.State.READY || state == RelatedViewModel.State.NOTHING_FOUND
                || state == RelatedViewModel.State.FAILED || model.getPhotos().isEmpty();
        return model.folderProperty().get() != null
                && !model.openingProperty().get()
                && !model.runs().isIndexing()
                && model.runs().lastReportProperty().get() != null
                && relatedDone
                && !model.boards().busyProperty().get()
                && mapSettled()
                && loader.pending() == 0
                && visibleThumbnailsSettled();
    }

    /** When the map is shown: placed, drawn, and its pictures arrived. */
    private boolean mapSettled() {
        return !(scene.getRoot().lookup("#map") instanceof MapView map) || !map.isVisible() || map.isSettled();
    }

    private boolean visibleThumbnailsSettled() {
        for (Node node : scene.getRoot().lookupAll(".thumbnail")) {
            if (node instanceof Thumbnail thumbnail && thumbnail.isVisible() && !thumbnail.isSettled()) {
                return false;
            }
        }
        return true;
    }

    private void finish(String failure) {
        poll.stop();
        WritableImage image = scene.snapshot(null);
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
        Thread writer = new Thread(() -> {
            int status = failure == null ? 0 : 1;
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                if (!ImageIO.write(pixels, "png", file.toFile())) {
                    throw new IOException("no PNG writer");
                }
                if (failure == null) {
                    LOG.info("Screenshot written to {} ({}x{})", file, pixels.getWidth(), pixels.getHeight());
                } else {
                    LOG.error("Screenshot: {}; wrote what was shown to {}", failure, file);
                    // the desktop logs to a file: whoever asked for the screenshot reads stderr
                    System.err.println("pinwall: screenshot failed: " + failure + "; wrote what was shown to " + file);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Cannot write the screenshot to {}", file, e);
                System.err.println("pinwall: cannot write the screenshot to " + file + ": " + e.getMessage());
                status = 1;
            }
            exit.accept(status);
        }, "pinwall-screenshot");
        writer.start();
    }
}
