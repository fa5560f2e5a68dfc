package dev.pinwall.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

/**
 * Sets a damaged store file aside and copies every readable, valid vector from it into a new store at the same path.
 * Rows are read one by one by rowid, each in its own try, so a damaged page loses only the rows on it. Vectors are
 * validated as {@link EmbeddingStore} validates them on reading; failures are copied as far as they can be read; the
 * path cache and fitted states are derived data and are rebuilt by the next run.
 */
final class StoreSalvage {
    private static final System.Logger LOG = System.getLogger(StoreSalvage.class.getName());
    private static final int BATCH = 500;

    private StoreSalvage() {
    }

    static EmbeddingStore salvage(Path file, String reason) throws StoreException {
        Path kept = keptName(file);
        try {
            Files.move(file, kept);
            for (String suffix : new String[]{"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, kept.resolveSibling(kept.getFileName() + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new StoreException("the embedding store at " + file + " is damaged (" + reason
                    + ") and could not be set aside to salvage it: " + e, e);
        }
        EmbeddingStore store;
        try {
            store = EmbeddingStore.openChecked(file);
        } catch (EmbeddingStore.Damaged e) {
            throw new StoreException("could not start a new embedding store at " + file + ": " + e.getMessage());
        }
        int[] counts;
        try {
            counts = copyVectors(kept, store);
        } catch (StoreException | RuntimeException e) {
            store.close();
            throw e;
        }
        VectorStore.Salvage report = new VectorStore.Salvage(kept, counts[0], counts[1], reason);
        // The caller shows the report (salvage()); the log keeps it for a later look without printing it twice.
        LOG.log(System.Logger.Level.DEBUG, report.message());
        store.salvaged(report);
        try {
            Files.deleteIfExists(EmbeddingStore.salvageMarker(file));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove " + EmbeddingStore.salvageMarker(file) + ": " + e);
        }
        return store;
    }

    private static Path keptName(Path file) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path kept = file.resolveSibling(file.getFileName() + ".damaged-" + stamp);
        for (int i = 2; Files.exists(kept); i++) {
            kept = file.resolveSibling(file.getFileName() + ".damaged-" + stamp + "-" + i);
        }
        return kept;
    }

    /** Copies what can be read; returns {salvaged, unreadable or invalid}. */
    private static int[] copyVectors(Path kept, EmbeddingStore store) throws StoreException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        int salvaged = 0;
        int lost = 0;
        try (Connection old = config.createConnection("jdbc:sqlite:" + kept)) {
            Map<String, Integer> dimensions = readDimensions(old);
            boolean hasCrc = hasCrcColumn(old);
            long maxRowid = maxRowid(old);
            Map<String, Map<String, float[]>> batches = new HashMap<>();
            Set<String> found = new HashSet<>();
            try (PreparedStatement select = old.prepareStatement("SELECT store_key, hash, vector, "
                    + (hasCrc ? "crc" : "NULL") + " FROM vectors WHERE rowid = ?")) {
                for (long rowid = 1; rowid <= maxRowid; rowid++) {
                    try {
                        select.setLong(1, rowid);
                        try (ResultSet rs = select.executeQuery()) {
                            if (!rs.next()) {
                                continue;
                            }
                            String key = rs.getString(1);
                            String hash = rs.getString(2);
                            byte[] bytes = rs.getBytes(3);
                            long crc = rs.getLong(4);
                            Long expected = rs.wasNull() ? null : crc;
                            Integer dimension = dimensions.get(key);
                            if (dimension == null && expected != null && bytes != null && bytes.length > 0
                                    && bytes.length % Float.BYTES == 0 && EmbeddingStore.crc(bytes) == expected) {
                                // The models row was lost; a checksummed row still tells the length.
                                dimension = bytes.length / Float.BYTES;
                                dimensions.put(key, dimension);
                            }
                            if (key == null || hash == null || dimension == null
                                    || EmbeddingStore.problem(bytes, expected, dimension) != null) {
                                lost++;
                                continue;
                            }
                            Map<String, float[]> batch = batches.computeIfAbsent(key, k -> new HashMap<>());
                            batch.put(hash, EmbeddingStore.decode(bytes));
                            found.add(key + '\u0000' + hash);
                            salvaged++;
                            if (batch.size() >= BATCH) {
                                store.putAll(key, batch, Map.of());
                                batch.clear();
                            }
                        }
                    } catch (SQLException e) {
                        lost++; // this row sits on a damaged page; the next one may not
                    }
                }
            }
            for (Map.Entry<String, Map<String, float[]>> batch : batches.entrySet()) {
                store.putAll(batch.getKey(), batch.getValue(), Map.of());
            }
            batches.clear();
            if (lost > 0) {
                // Rows under a damaged interior page are out of reach of any query: read them from the pages.
                int[] recovered = {0};
                try {
                    PageScanner.scan(kept, row -> {
                        Integer dimension = dimensions.get(row.storeKey());
                        if (dimension == null || !found.add(row.storeKey() + '\u0000' + row.hash())) {
                            return;
                        }
                        if (EmbeddingStore.problem(row.vector(), row.crc(), dimension) != null) {
                            found.remove(row.storeKey() + '\u0000' + row.hash());
                            return;
                        }
                        batches.computeIfAbsent(row.storeKey(), k -> new HashMap<>())
                                .put(row.hash(), EmbeddingStore.decode(row.vector()));
                        recovered[0]++;
                    });
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "could not scan the pages of " + kept + ": " + e);
                }
                for (Map.Entry<String, Map<String, float[]>> batch : batches.entrySet()) {
                    store.putAll(batch.getKey(), batch.getValue(), Map.of());
                }
                salvaged += recovered[0];
                lost = Math.max(0, lost - recovered[0]);
            }
            copyFailures(old, store);
        } catch (SQLException e) {
            // The old file cannot even be opened for reading: nothing more to salvage, the new store stands.
            LOG.log(System.Logger.Level.WARNING, "could not read the damaged store " + kept + ": " + e.getMessage());
        }
        return new int[]{salvaged, lost};
    }

    private static Map<String, Integer> readDimensions(Connection old) {
        Map<String, Integer> dimensions = new HashMap<>();
        try (Statement statement = old.createStatement();
             ResultSet rs = statement.executeQuery("SELECT store_key, dimension FROM models")) {
            while (rs.next()) {
                if (rs.getInt(2) > 0) {
                    dimensions.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            // Rows read before the damage are kept; checksummed vectors still give the rest.
        }
        return dimensions;
    }

    private static boolean hasCrcColumn(Connection old) {
        try (Statement statement = old.createStatement()) {
            statement.executeQuery("SELECT crc FROM vectors LIMIT 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The largest rowid to probe: from the table when its right edge is readable, else a bound from the file size. */
    private static long maxRowid(Connection old) {
        try (Statement statement = old.createStatement();
             ResultSet rs = statement.executeQuery("SELECT max(rowid) FROM vectors")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            long seen = 0;
            try (Statement statement = old.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT rowid FROM vectors")) {
                while (rs.next()) {
                    seen = Math.max(seen, rs.getLong(1));
                }
            } catch (SQLException stopped) {
                // Keep what was seen before the damaged page.
            }
            long pages = 0;
            try (Statement statement = old.createStatement();
                 ResultSet rs = statement.executeQuery("PRAGMA page_count")) {
                pages = rs.next() ? rs.getLong(1) : 0;
            } catch (SQLException ignored) {
                // No bound from the size: the rows seen are all that can be probed.
            }
            return seen + pages * 16; // generous: more than the rows of small vectors that fit a page
        }
    }

    private static void copyFailures(Connection old, EmbeddingStore store) {
        Map<String, Map<String, String>> failures = new HashMap<>();
        try (Statement statement = old.createStatement();
             ResultSet rs = statement.executeQuery("SELECT store_key, hash, reason FROM failures")) {
            while (rs.next()) {
                failures.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
            }
        } catch (SQLException e) {
            // Failures are retried when missing: losing some costs a retry, nothing more.
        }
        for (Map.Entry<String, Map<String, String>> entry : failures.entrySet()) {
            try {
                store.putAll(entry.getKey(), Map.of(), entry.getValue());
            } catch (StoreException e) {
                LOG.log(System.Logger.Level.WARNING, "could not copy failures while salvaging: " + e.getMessage());
            }
        }
    }
}
