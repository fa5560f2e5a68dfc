package dev.pinwall.boards;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoardsTest {
    @TempDir
    Path dir;

    @Test
    void savedPinsSurviveReopening() throws Exception {
        Path file = dir.resolve("local").resolve(Boards.FILE_NAME);
        Boards boards = Boards.open(file);
        assertThat(boards.save("Shoes = nice: #1", "aaa")).isTrue();
        assertThat(boards.save("Shoes = nice: #1", "aaa")).isFalse();
        boards.save("Shoes = nice: #1", "bbb");
        boards.save("Bags", "ccc");
        boards.create("Empty");

        Boards again = Boards.open(file);
        assertThat(again.all()).containsExactly(new Board("Shoes = nice: #1", List.of("aaa", "bbb")),
                new Board("Bags", List.of("ccc")), new Board("Empty", List.of()));
        assertThat(again.savedPins()).containsExactly("aaa", "bbb", "ccc");
    }

    @Test
    void renameKeepsPinsAndPlaceAndDeleteForgets() throws Exception {
        Path file = dir.resolve(Boards.FILE_NAME);
        Boards boards = Boards.open(file);
        boards.save("A", "h1");
        boards.save("B", "h2");
        boards.rename("A", "Shoes");
        assertThatThrownBy(() -> boards.rename("Shoes", "B")).isInstanceOf(IllegalArgumentException.class);
        assertThat(boards.delete("B")).isTrue();
        assertThat(boards.remove("Shoes", "h1")).isTrue();
        boards.save("Shoes", "h3");
        assertThat(Boards.open(file).all()).containsExactly(new Board("Shoes", List.of("h3")));
    }

    @Test
    void aFailedWriteChangesNothing() throws Exception {
        Path folder = dir.resolve("boards");
        Boards boards = Boards.open(folder.resolve(Boards.FILE_NAME));
        boards.save("Saved", "h1");
        // the folder becomes a file: the next write cannot create its temporary file
        Files.delete(folder.resolve(Boards.FILE_NAME));
        Files.delete(folder);
        Files.writeString(folder, "not a folder");
        assertThatThrownBy(() -> boards.save("Saved", "h2")).isInstanceOf(java.io.IOException.class);
        assertThat(boards.all()).containsExactly(new Board("Saved", List.of("h1")));
    }

    @Test
    void aBoardNeedsAName() throws Exception {
        Boards boards = Boards.open(dir.resolve(Boards.FILE_NAME));
        assertThatThrownBy(() -> boards.save("  ", "h")).isInstanceOf(IllegalArgumentException.class);
    }
}
