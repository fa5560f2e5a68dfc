package dev.pinwall.metadata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One label per file from any CSV with a header, e.g. {@code labels.csv} with columns {@code file} and {@code label}:
 * what the evaluation command compares search results against. Same forgiving rules as {@link StylesCsv}.
 *
 * @param labels      key column value (as written, e.g. {@code 1563.jpg}) to label, in file order
 * @param skippedRows rows that were malformed or had an empty key or label
 */
public record LabelsCsv(Map<String, String> labels, int skippedRows) {

    public LabelsCsv {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * Reads {@code keyColumn} to {@code labelColumn} (names matched case-insensitively); the first row wins for a key
     * that repeats.
     *
     * @throws IOException when the file cannot be read or lacks one of the columns
     */
    public static LabelsCsv read(Path csv, String keyColumn, String labelColumn) throws IOException {
        return read(csv, keyColumn, labelColumn, key -> true);
    }

    /**
     * Reads only the rows whose key {@code wanted} accepts (e.g. the files present in a folder), streaming: a large
     * file costs the time to scan it, not the memory to hold it. Rows without a key or label are still counted as
     * skipped.
     *
     * @throws IOException as {@link #read(Path, String, String)}
     */
    public static LabelsCsv read(Path csv, String keyColumn, String labelColumn, Predicate<String> wanted)
            throws IOException {
        Csv.Table table = Csv.read(csv, "productDisplayName", header -> {
            int keyIndex = Csv.column(header, keyColumn);
            int labelIndex = Csv.column(header, labelColumn);
            return row -> {
                if (keyIndex < 0 || labelIndex < 0) {
                    return false; // the header is refused below
                }
                String k = row.get(keyIndex).strip();
                // Rows lacking a key or label are kept so they are counted as skipped, wanted or not.
                return k.isEmpty() || row.get(labelIndex).isBlank() || wanted.test(k);
            };
        });
        int key = table.column(keyColumn);
        int label = table.column(labelColumn);
        if (key < 0 || label < 0) {
            throw new IOException("no '" + (key < 0 ? keyColumn : labelColumn) + "' column in the header of " + csv
                    + " (found " + table.header() + ")");
        }
        Map<String, String> labels = new LinkedHashMap<>(table.rows().size() * 4 / 3 + 1);
        int skipped = table.skipped();
        for (List<String> row : table.rows()) {
            String k = row.get(key).strip();
            String v = row.get(label).strip();
            if (k.isEmpty() || v.isEmpty()) {
                skipped++;
            } else {
                labels.putIfAbsent(k, v);
            }
        }
        return new LabelsCsv(labels, skipped);
    }
}
