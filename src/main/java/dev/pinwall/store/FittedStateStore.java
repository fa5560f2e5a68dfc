package dev.pinwall.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fitted state of the collection-aware similarity, per collection and store key, in two tables of the embedding
 * store's file: {@code similarity_fits} (the mean) and {@code similarity_neighbours} (each photo's neighbour list,
 * by content hash). Kept beside the vectors so a restart does not refit; obtained from
 * {@link EmbeddingStore#fittedStates()}.
 */
public final class FittedStateStore {
    private final EmbeddingStore db;

    FittedStateStore(EmbeddingStore db) {
        this.db = db;
    }

    static void createTables(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE similarity_fits (collection TEXT NOT NULL, store_key TEXT NOT NULL, "
                + "mean BLOB NOT NULL, mean_rows INTEGER NOT NULL, PRIMARY KEY (collection, store_key)) WITHOUT ROWID");
        statement.execute("CREATE TABLE similarity_neighbours (collection TEXT NOT NULL, store_key TEXT NOT NULL, "
                + "hash TEXT NOT NULL, neighbours TEXT NOT NULL, PRIMARY KEY (collection, store_key, hash))");
    }

    /** The saved state of {@code collection} under {@code storeKey}, if any. */
    public Optional<FittedState> load(String collection, String storeKey) throws StoreException {
        return db.read(reader -> {
            float[] mean;
            int meanRows;
            try (PreparedStatement select = reader.prepareStatement(
                    "SELECT mean, mean_rows FROM similarity_fits WHERE collection = ? AND store_key = ?")) {
                select.setString(1, collection);
                select.setString(2, storeKey);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    mean = EmbeddingStore.decode(rs.getBytes(1));
                    meanRows = rs.getInt(2);
                }
            }
            Map<String, List<String>> neighbours = new HashMap<>();
            try (PreparedStatement select = reader.prepareStatement("SELECT hash, neighbours FROM "
                    + "similarity_neighbours WHERE collection = ? AND store_key = ?")) {
                select.setString(1, collection);
                select.setString(2, storeKey);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String list = rs.getString(2);
                        neighbours.put(rs.getString(1), list.isEmpty() ? List.of() : Arrays.asList(list.split(" ")));
                    }
                }
            }
            return Optional.of(new FittedState(mean, meanRows, neighbours));
        });
    }

    /**
     * Saves, in one transaction, the mean (when given) and the neighbour lists of the given photos, replacing what
     * was saved for them.
     *
     * @param mean       the new mean, or null to keep the saved one
     * @param neighbours content hash to its neighbours' content hashes, for the photos whose list changed
     */
    public void save(String collection, String storeKey, float[] mean, int meanRows,
                     Map<String, List<String>> neighbours) throws StoreException {
        if (mean == null && neighbours.isEmpty()) {
            return;
        }
        db.write(() -> {
            if (mean != null) {
                try (PreparedStatement insert = db.writer().prepareStatement("INSERT OR REPLACE INTO similarity_fits "
                        + "(collection, store_key, mean, mean_rows) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, collection);
                    insert.setString(2, storeKey);
                    insert.setBytes(3, EmbeddingStore.encode(mean));
                    insert.setInt(4, meanRows);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement insert = db.writer().prepareStatement("INSERT OR REPLACE INTO "
                    + "similarity_neighbours (collection, store_key, hash, neighbours) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, List<String>> entry : neighbours.entrySet()) {
                    insert.setString(1, collection);
                    insert.setString(2, storeKey);
                    insert.setString(3, entry.getKey());
                    insert.setString(4, String.join(" ", entry.getValue()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
