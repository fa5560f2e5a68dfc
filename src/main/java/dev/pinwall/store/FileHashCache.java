package dev.pinwall.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The path cache: (path, size, modification time) to content hash, in the {@code files} table of the embedding
 * store's file, so unchanged files are not re-read. Obtained from {@link EmbeddingStore#fileHashes()}.
 */
public final class FileHashCache {
    private final EmbeddingStore db;

    FileHashCache(EmbeddingStore db) {
        this.db = db;
    }

    /** The content hash remembered for this exact file state (same path, size and modification time), if any. */
    public Optional<String> knownHash(FileStamp stamp) throws StoreException {
        return Optional.ofNullable(knownHashes(List.of(stamp)).get(stamp.path()));
    }

    /** For each stamp whose path, size and modification time match what was remembered: path to content hash. */
    public Map<Path, String> knownHashes(Collection<FileStamp> stamps) throws StoreException {
        Map<String, FileStamp> byPath = new HashMap<>(Math.max(16, stamps.size() * 4 / 3 + 1));
        for (FileStamp stamp : stamps) {
            byPath.put(stamp.path().toString(), stamp);
        }
        Map<Path, String> result = new HashMap<>(byPath.size() * 4 / 3 + 1);
        if (byPath.isEmpty()) {
            return result;
        }
        return db.read(reader -> {
            int remembered;
            try (Statement statement = reader.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM files")) {
                remembered = rs.next() ? rs.getInt(1) : 0;
            }
            if (byPath.size() >= remembered / 2) {
                // Asking about most remembered files (a folder's usual re-scan): one scan beats many look-ups.
                try (Statement statement = reader.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT path, size, modified, hash FROM files")) {
                    collectKnown(rs, byPath, result);
                }
            } else {
                for (List<String> chunk : EmbeddingStore.chunks(byPath.keySet())) {
                    try (PreparedStatement select = reader.prepareStatement("SELECT path, size, modified, hash FROM "
                            + "files WHERE path IN (" + EmbeddingStore.placeholders(chunk.size()) + ")")) {
                        EmbeddingStore.bind(select, 1, chunk);
                        try (ResultSet rs = select.executeQuery()) {
                            collectKnown(rs, byPath, result);
                        }
                    }
                }
            }
            return result;
        });
    }

    private static void collectKnown(ResultSet rs, Map<String, FileStamp> byPath, Map<Path, String> result)
            throws SQLException {
        while (rs.next()) {
            FileStamp stamp = byPath.get(rs.getString(1));
            if (stamp != null && stamp.size() == rs.getLong(2) && stamp.modifiedMillis() == rs.getLong(3)) {
                result.put(stamp.path(), rs.getString(4));
            }
        }
    }

    /** Remembers content hashes for file states, replacing what was remembered for those paths; one transaction. */
    public void rememberHashes(Map<FileStamp, String> hashes) throws StoreException {
        if (hashes.isEmpty()) {
            return;
        }
        db.write(() -> {
            try (PreparedStatement insert = db.writer().prepareStatement(
                    "INSERT OR REPLACE INTO files (path, size, modified, hash) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<FileStamp, String> entry : hashes.entrySet()) {
                    FileStamp stamp = entry.getKey();
                    insert.setString(1, stamp.path().toString());
                    insert.setLong(2, stamp.size());
                    insert.setLong(3, stamp.modifiedMillis());
                    insert.setString(4, entry.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
