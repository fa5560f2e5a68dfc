package dev.pinwall.metadata;

import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A forgiving RFC-4180 reader for the label files Pinwall meets. Quoted fields may hold commas, quotes ({@code ""})
 * and line breaks. Rows with more fields than the header are repaired by joining the surplus into one column (the real
 * Kaggle {@code styles.csv} has product names with unquoted commas); rows with fewer fields, or a quote never closed,
 * are skipped and counted. Invalid UTF-8 bytes become U+FFFD rather than failing the file.
 */
final class Csv {

    /** Files larger than this are refused instead of being read into memory. */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    /**
     * A parsed file.
     *
     * @param header  column names, trimmed
     * @param rows    data rows, each exactly as wide as the header
     * @param skipped rows that could not be read
     */
    record Table(List<String> header, List<List<String>> rows, int skipped) {

        /** Index of the column with this name (case-insensitive), or -1. */
        int column(String name) {
            return Csv.column(header, name);
        }
    }

    private Csv() {
    }

    /** Reads every row of a CSV file with a header row; see {@link #read(Path, String, Function)}. */
    static Table read(Path file, String overflowColumn) throws IOException {
        return read(file, overflowColumn, header -> row -> true);
    }

    /**
     * Reads a CSV file with a header row, streaming: only the rows {@code keep} accepts are held in memory, so a large
     * file beside a few images costs little.
     *
     * @param overflowColumn the column that absorbs surplus fields when present in the header; otherwise the last one
     * @param keep           given the header, which (well-formed, fitted) rows to keep; the others are not counted
     *                       as skipped
     * @throws IOException when the file cannot be read, is too large, or has no header
     */
    static Table read(Path file, String overflowColumn, Function<List<String>, Predicate<List<String>>> keep)
            throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new java.nio.file.NoSuchFileException(null, null, "label file not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("label file is not a regular file: " + file);
        }
        if (size > MAX_BYTES) {
            throw new IOException("label file too large (" + size / (1024 * 1024) + " MB): " + file);
        }
        // A decoder from a Charset replaces malformed UTF-8 instead of throwing.
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8),
                1 << 16)) {
            Parser parser = new Parser(in);
            Parser.Row headerRow;
            do {
                headerRow = parser.next();
            } while (headerRow != null && headerRow.isBlank());
            if (headerRow == null || headerRow.malformed()) {
                throw new IOException("label file has no header row: " + file);
            }
            List<String> header = new ArrayList<>();
            for (String name : headerRow.fields()) {
                header.add(name.strip());
            }
            header = List.copyOf(header);
            int width = header.size();
            int overflow = width - 1;
            for (int i = 0; i < width; i++) {
                if (header.get(i).equalsIgnoreCase(overflowColumn)) {
                    overflow = i;
                }
            }
            Predicate<List<String>> wanted = keep.apply(header);
            List<List<String>> rows = new ArrayList<>();
            int skipped = 0;
            for (Parser.Row row = parser.next(); row != null; row = parser.next()) {
                if (row.isBlank()) {
                    continue;
                }
                List<String> fitted = row.malformed() ? null : fit(row.fields(), width, overflow);
                if (fitted == null) {
                    skipped++;
                } else if (wanted.test(fitted)) {
                    rows.add(fitted);
                }
            }
            return new Table(header, rows, skipped);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Index of the column with this name (case-insensitive) in {@code header}, or -1. */
    static int column(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The row made exactly {@code width} wide by joining surplus fields at {@code overflow}; null when too short. */
    static List<String> fit(List<String> fields, int width, int overflow) {
        int surplus = fields.size() - width;
        if (surplus < 0) {
            return null;
        }
        if (surplus == 0) {
            return fields;
        }
        List<String> fitted = new ArrayList<>(width);
        fitted.addAll(fields.subList(0, overflow));
        fitted.add(String.join(",", fields.subList(overflow, overflow + surplus + 1)));
        fitted.addAll(fields.subList(overflow + surplus + 1, fields.size()));
        return fitted;
    }

    /** The file name without its extension: {@code 15970.jpg} gives {@code 15970}. */
    static String stem(String fileName) {
        String name = fileName.strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Splits a character stream into records. Holds only the record being read, so a runaway quote can still be
     * recovered from: the record's raw text is kept, and all but its first line is read again.
     */
    static final class Parser {
        record Row(List<String> fields, boolean malformed) {
            boolean isBlank() {
                return !malformed && fields.size() == 1 && fields.get(0).isBlank();
            }
        }

        private final Reader in;
        /** Text to read again before the stream (the rest of a record found malformed). */
        private final StringBuilder replay = new StringBuilder();
        private int replayPos;
        /** The raw text of the record being read. */
        private final StringBuilder raw = new StringBuilder();
        private int peeked = -2;
        private boolean started;

        Parser(String text) {
            this(new java.io.StringReader(text));
        }

        Parser(Reader in) {
            this.in = in;
        }

        /** The next record, or null at the end of the text. */
        Row next() {
            if (!started) {
                started = true;
                if (peek() == '\uFEFF') {
                    read(); // a byte-order mark, as spreadsheet exports write
                }
            }
            if (peek() < 0) {
                return null;
            }
            raw.setLength(0);
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean spansLines = false;
            int c;
            while ((c = read()) >= 0) {
                raw.append((char) c);
                if (quoted) {
                    if (c == '"') {
                        if (peek() == '"') {
                            raw.append((char) read());
                            field.append('"');
                        } else {
                            quoted = false;
                            int after = peek();
                            if (spansLines && after >= 0 && ",\r\n".indexOf(after) < 0) {
                                // A quote that ran over line ends and closes mid-field was never meant to open:
                                // skip just the line it started on and read on from the next one.
                                return skipLine();
                            }
                        }
                    } else {
                        spansLines |= c == '\n' || c == '\r';
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                    spansLines = false;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    fields.add(field.toString());
                    return new Row(fields, false);
                } else {
                    field.append((char) c); // a stray quote inside an unquoted field is kept as text
                }
            }
            if (quoted) {
                return skipLine(); // a quote never closed
            }
            fields.add(field.toString());
            return new Row(fields, false);
        }

        /** Reports the record read so far as malformed; whatever followed its first line is read again. */
        private Row skipLine() {
            int lineEnd = raw.indexOf("\n");
            if (lineEnd >= 0 && lineEnd + 1 < raw.length()) {
                String rest = raw.substring(lineEnd + 1);
                replay.delete(0, replayPos);
                replayPos = 0;
                if (peeked >= 0) {
                    replay.insert(0, (char) peeked);
                }
                peeked = -2;
                replay.insert(0, rest);
            } else if (lineEnd < 0) {
                int c;
                do {
                    c = read();
                } while (c >= 0 && c != '\n');
            }
            return new Row(List.of(), true);
        }

        private int peek() {
            if (peeked == -2) {
                peeked = readRaw();
            }
            return peeked;
        }

        private int read() {
            int c = peek();
            peeked = -2;
            return c;
        }

        private int readRaw() {
            if (replayPos < replay.length()) {
                return replay.charAt(replayPos++);
            }
            if (replay.length() > 0) {
                replay.setLength(0);
                replayPos = 0;
            }
            try {
                return in.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
