package dev.pinwall.ui;

import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes a node a drop target for files. Only LINK and COPY are accepted: the app keeps a reference to the file,
 * and accepting MOVE would let a file manager delete the original after the drop.
 */
final class FileDrops {
    private FileDrops() {
    }

    static void install(Node target, Consumer<Boolean> hovering, Consumer<List<Path>> onDrop) {
        target.addEventHandler(DragEvent.DRAG_OVER, event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.LINK, TransferMode.COPY);
                event.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_ENTERED, event -> {
            if (event.getDragboard().hasFiles()) {
                hovering.accept(true);
            }
        });
        target.addEventHandler(DragEvent.DRAG_EXITED, event -> hovering.accept(false));
        target.addEventHandler(DragEvent.DRAG_DROPPED, event -> {
            hovering.accept(false);
            if (!event.getDragboard().hasFiles()) {
                return;
            }
            List<Path> paths = event.getDragboard().getFiles().stream().map(File::toPath).toList();
            onDrop.accept(paths);
            event.setDropCompleted(true);
            event.consume();
        });
    }
}
