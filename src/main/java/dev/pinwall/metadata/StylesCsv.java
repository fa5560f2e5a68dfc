package dev.pinwall.metadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The product labels of a Kaggle-style {@code styles.csv}, keyed by the image's file stem ({@code 15970.jpg} has key
 * {@code 15970}).
 *
 * <p>Reading is driven by the header: columns may come in any order, extra columns are ignored and missing ones read
 * as empty. The key is the stem of a {@code file} column when there is one, else the {@code id} column. Rows with
 * surplus fields (product names with unquoted commas) are repaired by joining the surplus into
 * {@code productDisplayName}; rows that cannot be read are skipped and counted in {@link #skippedRows}.
 *
 * @param products    file stem to product labels
 * @param skippedRows rows that were malformed or had no key
 */
public record StylesCsv(Map<String, ProductInfo> products, int skippedRows) {

    /** The usual file name. */
    public static final String FILE_NAME = "styles.csv";

    private static final String DISPLAY_NAME = "productDisplayName";

    public StylesCsv {
        products = Map.copyOf(products);
    }

    /** The labels of an image file, by its file stem. */
    public Optional<ProductInfo> forImage(Path image) {
        Path name = image.getFileName();
        return name == null ? Optional.empty() : Optional.ofNullable(products.get(Csv.stem(name.toString())));
    }

    /** A labelled subset's file: the same columns plus {@code file}, as in the Kaggle-derived evaluation sets. */
    public static final String LABELS_FILE_NAME = "labels.csv";

    /**
     * The metadata file that belongs to a folder of images: {@code styles.csv} (else {@code labels.csv}) in the folder
     * itself, or beside it (the Kaggle layout is {@code images/ID.jpg} with {@code styles.csv} next to {@code images/}).
     */
    public static Optional<Path> find(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        for (String name : new String[]{FILE_NAME, LABELS_FILE_NAME}) {
            if (Files.isRegularFile(absolute.resolve(name))) {
                return Optional.of(absolute.resolve(name));
            }
            if (parent != null && Files.isRegularFile(parent.resolve(name))) {
                return Optional.of(parent.resolve(name));
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a styles file.
     *
     * @throws IOException when the file cannot be read or its header has neither an {@code id} nor a {@code file}
     *                     column; bad rows never throw
     */
    public static StylesCsv read(Path csv) throws IOException {
        return read(csv, key -> true);
    }

    /**
     * Reads only the rows of the given image files (by file stem, see {@link #forImage}), streaming: a large file beside a
     * few images costs the time to scan it, not the memory to hold it.
     *
     * @throws IOException as {@link #read(Path)}
     */
    public static StylesCsv read(Path csv, Collection<Path> images) throws IOException {
        Set<String> stems = new HashSet<>();
        for (Path image : images) {
            Path name = image.getFileName();
            if (name != null) {
                stems.add(Csv.stem(name.toString()));
            }
        }
        return read(csv, stems::contains);
    }

    private static StylesCsv read(Path csv, Predicate<String> wanted) throws IOException {
        Csv.Table table = Csv.read(csv, DISPLAY_NAME, header -> {
            int fileColumn = Csv.column(header, "file");
            int idColumn = Csv.column(header, "id");
            return row -> {
                String key = key(row, fileColumn, idColumn);
                return key.isEmpty() || wanted.test(key); // keyless rows are kept to be counted as skipped
            };
        });
        int file = table.column("file");
        int id = table.column("id");
        if (file < 0 && id < 0) {
            throw new IOException("no 'id' or 'file' column in the header of " + csv + " (found " + table.header() + ")");
        }
        int gender = table.column("gender");
        int master = table.column("masterCategory");
        int sub = table.column("subCategory");
        int article = table.column("articleType");
        int colour = table.column("baseColour");
        int season = table.column("season");
        int year = table.column("year");
        int usage = table.column("usage");
        int displayName = table.column(DISPLAY_NAME);

        Map<String, ProductInfo> products = new HashMap<>(table.rows().size() * 4 / 3 + 1);
        int skipped = table.skipped();
        for (List<String> row : table.rows()) {
            String key = key(row, file, id);
            if (key.isEmpty()) {
                skipped++;
                continue;
            }
            String productId = id >= 0 && !row.get(id).isBlank() ? row.get(id).strip() : key;
            products.putIfAbsent(key, new ProductInfo(productId, get(row, gender), get(row, master), get(row, sub),
                    get(row, article), get(row, colour), get(row, season), get(row, year), get(row, usage),
                    get(row, displayName)));
        }
        return new StylesCsv(products, skipped);
    }

    /** The row's key: the stem of its {@code file} column, else its {@code id}; empty when it has neither. */
    private static String key(List<String> row, int file, int id) {
        String key = file >= 0 ? Csv.stem(row.get(file)) : "";
        if (key.isEmpty() && id >= 0) {
            key = row.get(id).strip();
        }
        return key;
    }

    private static String get(List<String> row, int column) {
        return column < 0 ? "" : row.get(column).strip();
    }
}
