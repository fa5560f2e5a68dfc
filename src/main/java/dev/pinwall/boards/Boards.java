package dev.pinwall.boards;

import dev.pinwall.home.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The user's boards, kept in one small properties file in the store's machine-local folder
 * ({@code VectorStore.localFolder()}). Every change is written at once, to a temporary file moved over the old one,
 * and takes effect in memory only once written: a failed write leaves both as they were. Thread-safe.
 */
public final class Boards {
    /** The file's name in the store's local folder. */
    public static final String FILE_NAME = "boards.properties";

    private final Path file;
    private List<Board> boards;

    private Boards(Path file, List<Board> boards) {
        this.file = file;
        this.boards = boards;
    }

    /** Reads the boards saved at {@code file} (none when it does not exist yet). */
    public static Boards open(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Boards(file, List.of());
        }
        Properties values = new Properties();
        values.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        List<Board> read = new ArrayList<>();
        int count = Integer.parseInt(values.getProperty("boards", "0").strip());
        for (int i = 0; i < count; i++) {
            String name = values.getProperty("board." + i + ".name");
            String pins = values.getProperty("board." + i + ".pins", "").strip();
            if (name == null) {
                throw new IOException(file + ": board " + i + " has no name");
            }
            read.add(new Board(name, pins.isEmpty() ? List.of() : List.of(pins.split(" "))));
        }
        return new Boards(file, List.copyOf(read));
    }

    /** Where the boards are kept. */
    public Path file() {
        return file;
    }

    /** Every board, in the order they were made. */
    public synchronized List<Board> all() {
        return boards;
    }

    public synchronized Optional<Board> board(String name) {
        return boards.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The content hashes saved on any board. */
    public synchronized Set<String> savedPins() {
        Set<String> saved = new LinkedHashSet<>();
        boards.forEach(b -> saved.addAll(b.pins()));
        return saved;
    }

    /** Makes an empty board; does nothing when one of that name exists. */
    public synchronized void create(String name) throws IOException {
        String checked = checkName(name);
        if (board(checked).isEmpty()) {
            List<Board> next = new ArrayList<>(boards);
            next.add(new Board(checked, List.of()));
            write(next);
        }
    }

    /**
     * Saves a pin (content hash) to a board, making the board when it does not exist.
     *
     * @return false when the board already had it
     */
    public synchronized boolean save(String name, String hash) throws IOException {
        String checked = checkName(name);
        Optional<Board> existing = board(checked);
        if (existing.isPresent() && existing.get().pins().contains(hash)) {
            return false;
        }
        List<Board> next = new ArrayList<>(boards);
        if (existing.isPresent()) {
            List<String> pins = new ArrayList<>(existing.get().pins());
            pins.add(hash);
            next.set(boards.indexOf(existing.get()), new Board(checked, pins));
        } else {
            next.add(new Board(checked, List.of(hash)));
        }
        write(next);
        return true;
    }

    /** Takes a pin off a board; false when it was not on it. */
    public synchronized boolean remove(String name, String hash) throws IOException {
        Optional<Board> existing = board(name);
        if (existing.isEmpty() || !existing.get().pins().contains(hash)) {
            return false;
        }
        List<String> pins = new ArrayList<>(existing.get().pins());
        pins.remove(hash);
        List<Board> next = new ArrayList<>(boards);
        next.set(boards.indexOf(existing.get()), new Board(name, pins));
        write(next);
        return true;
    }

    /**
     * Renames a board, keeping its pins and place.
     *
     * @throws IllegalArgumentException when there is no board {@code from}, or another board is called {@code to}
     */
    public synchronized void rename(String from, String to) throws IOException {
        String checked = checkName(to);
        Board existing = board(from).orElseThrow(() -> new IllegalArgumentException("no board named " + from));
        if (!from.equals(checked) && board(checked).isPresent()) {
            throw new IllegalArgumentException("there is already a board named " + checked);
        }
        List<Board> next = new ArrayList<>(boards);
        next.set(boards.indexOf(existing), new Board(checked, existing.pins()));
        write(next);
    }

    /** Deletes a board (the photos stay where they are); false when there was none of that name. */
    public synchronized boolean delete(String name) throws IOException {
        Optional<Board> existing = board(name);
        if (existing.isEmpty()) {
            return false;
        }
        List<Board> next = new ArrayList<>(boards);
        next.remove(existing.get());
        write(next);
        return true;
    }

    private static String checkName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("a board needs a name");
        }
        return stripped;
    }

    private void write(List<Board> next) throws IOException {
        Properties values = new Properties();
        values.setProperty("boards", Integer.toString(next.size()));
        for (int i = 0; i < next.size(); i++) {
            values.setProperty("board." + i + ".name", next.get(i).name());
            values.setProperty("board." + i + ".pins", String.join(" ", next.get(i).pins()));
        }
        StringWriter text = new StringWriter();
        values.store(text, "Pinwall boards: pins are content hashes (SHA-256 of the file bytes)");
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        boards = List.copyOf(next);
    }
}
