package dev.pinwall.cli;

import dev.pinwall.metadata.LabelsCsv;
import dev.pinwall.scan.ImageFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Labels of a folder's images from a CSV, for {@code eval} and {@code learn}: a {@code file} column (or, in Kaggle's
 * styles.csv, an {@code id} column matched to file names without extension), and one or more label columns. With
 * several columns (e.g. {@code articleType,baseColour}) the label is their values joined, so two images share it
 * only when they agree on every column; an image missing any of them has no label.
 */
final class LabelFile {
    private LabelFile() {
    }

    /** The columns of a {@code --label-column} value: one name or a comma-separated list. */
    static List<String> columns(String option) {
        List<String> columns = Arrays.stream(option.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("--label-column names no column");
        }
        return columns;
    }

    /** File name to label; a count of malformed rows (left out) goes to {@code notes}. */
    static Map<String, String> read(Path csv, Path images, String labelColumnOption, Consumer<String> notes)
            throws IOException {
        Map<String, String> joined = null;
        for (String column : columns(labelColumnOption)) {
            Map<String, String> one = readColumn(csv, images, column, notes);
            if (joined == null) {
                joined = new HashMap<>(one);
            } else {
                Map<String, String> next = new HashMap<>();
                for (Map.Entry<String, String> entry : joined.entrySet()) {
                    String value = one.get(entry.getKey());
                    if (value != null) {
                        next.put(entry.getKey(), entry.getValue() + "|" + value);
                    }
                }
                joined = next;
            }
        }
        return joined;
    }

    private static Map<String, String> readColumn(Path csv, Path images, String column, Consumer<String> notes)
            throws IOException {
        // Only the rows of images in the folder are kept: a huge label file beside a few images stays cheap.
        Set<String> names = new HashSet<>();
        if (Files.isDirectory(images)) {
            ImageFiles.scan(images).images().forEach(f -> names.add(f.getFileName().toString()));
        }
        try {
            return reportSkipped(LabelsCsv.read(csv, "file", column, names::contains), csv, notes).labels();
        } catch (IOException noFileColumn) {
            if (!Files.isRegularFile(csv)) {
                throw noFileColumn; // missing or unreadable: trying another column would not help
            }
            Set<String> stems = new HashSet<>();
            names.forEach(name -> stems.add(stem(name)));
            Map<String, String> byId = reportSkipped(LabelsCsv.read(csv, "id", column, stems::contains), csv, notes)
                    .labels();
            Map<String, String> byName = new HashMap<>();
            List<Path> files = new ArrayList<>();
            try (var listing = Files.list(images)) {
                listing.forEach(files::add);
            }
            for (Path f : files) {
                String name = f.getFileName().toString();
                String label = byId.get(stem(name));
                if (label != null) {
                    byName.put(name, label);
                }
            }
            return byName;
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static LabelsCsv reportSkipped(LabelsCsv read, Path csv, Consumer<String> notes) {
        if (read.skippedRows() > 0) {
            notes.accept(read.skippedRows() + " rows of " + csv
                    + " are malformed or lack a file name or label, and are left out");
        }
        return read;
    }
}
