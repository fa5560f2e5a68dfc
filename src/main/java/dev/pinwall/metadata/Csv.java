package dev.pinwall.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private Csv() {
    }

    /**
     * Reads a CSV file with a header row.
     *
     * @param overflowColumn the column that absorbs surplus fields when present in the header; otherwise the last one
     * @throws IOException when the file cannot be read, is too large, or has no header
     */
    static Table read(Path file, String overflowColumn) throws IOException {
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
        // new String(...) replaces malformed UTF-8 instead of throwing, unlike Files.readString.
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Parser parser = new Parser(text);
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
        int width = header.size();
        int overflow = width - 1;
        for (int i = 0; i < width; i++) {
            if (header.get(i).equalsIgnoreCase(overflowColumn)) {
                overflow = i;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        int skipped = 0;
        for (Parser.Row row = parser.next(); row != null; row = parser.next()) {
            if (row.isBlank()) {
                continue;
            }
            List<String> fitted = row.malformed() ? null : fit(row.fields(), width, overflow);
            if (fitted == null) {
                skipped++;
            } else {
                rows.add(fitted);
            }
        }
        return new Table(List.copyOf(header), rows, skipped);
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

    /** Splits text into records; works on the whole text so a runaway quote can be recovered from. */
    static final class Parser {
        record Row(List<String> fields, boolean malformed) {
            boolean isBlank() {
                return !malformed && fields.size() == 1 && fields.get(0).isBlank();
            }
        }

        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
            this.pos = text.startsWith("\uFEFF") ? 1 : 0; // a byte-order mark, as spreadsheet exports write
        }

        /** The next record, or null at the end of the text. */
        Row next() {
            int n = text.length();
            if (pos >= n) {
                return null;
            }
            int start = pos;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean spansLines = false;
            while (pos < n) {
                char c = text.charAt(pos++);
                if (quoted) {
                    if (c == '"') {
                        if (pos < n && text.charAt(pos) == '"') {
                            field.append('"');
                            pos++;
                        } else {
                            quoted = false;
                            if (spansLines && pos < n && ",\r\n".indexOf(text.charAt(pos)) < 0) {
                                // A quote that ran over line ends and closes mid-field was never meant to open:
                                // skip just the line it started on and read on from the next one.
                                return skipLine(start);
                            }
                        }
                    } else {
                        spansLines |= c == '\n' || c == '\r';
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                    spansLines = false;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && pos < n && text.charAt(pos) == '\n') {
                        pos++;
                    }
                    fields.add(field.toString());
                    return new Row(fields, false);
                } else {
                    field.append(c); // a stray quote inside an unquoted field is kept as text
                }
            }
            if (quoted) {
                return skipLine(start); // a quote never closed
            }
            fields.add(field.toString());
            return new Row(fields, false);
        }

        /** Reports the record starting at {@code start} as malformed and moves to the line after it. */
        private Row skipLine(int start) {
            int lineEnd = text.indexOf('\n', start);
            pos = lineEnd < 0 ? text.length() : lineEnd + 1;
            return new Row(List.of(), true);
        }
    }
}
