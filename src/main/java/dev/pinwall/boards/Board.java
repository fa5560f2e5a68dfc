package dev.pinwall.boards;

import java.util.List;

/**
 * A named board of saved pins. Pins are content hashes (SHA-256 of the file bytes), in the order they were saved, so
 * a board survives renames and moves and shows a photo wherever the same bytes are.
 */
public record Board(String name, List<String> pins) {
    public Board {
        pins = List.copyOf(pins);
    }
}
