package dev.pinwall.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Damaged rows and damaged files: nothing damaged is served, and every healthy row survives. */
class DamagedStoreTest {
    private static final String KEY = "m@p1";

    @TempDir
    Path dir;

    private Path db;
    private final float[] healthy = {1.5f, -2f, 3f, 0.25f};
    private final float[] victim = {4f, 5f, 6f, 7f};

    private void storeTwo() throws Exception {
        db = dir.resolve("store.db");
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            store.putAll(KEY, Map.of("healthy", healthy, "victim", victim), Map.of());
        }
    }

    /** Replaces the victim's bytes (and checksum, when {@code crc} is not null) behind the store's back. */
    private void overwriteVictim(byte[] bytes, Long crc) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE vectors SET vector = ?, crc = ? WHERE store_key = ? AND hash = 'victim'")) {
            update.setBytes(1, bytes);
            if (crc == null) {
                update.setNull(2, java.sql.Types.INTEGER);
            } else {
                update.setLong(2, crc);
            }
            update.setString(3, KEY);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private Map<String, float[]> readBoth() throws Exception {
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            assertThat(store.salvage()).isEmpty(); // a bad row is not a damaged file
            return store.vectors(KEY, List.of("healthy", "victim"));
        }
    }

    @Test
    void nanBytesWrittenDirectlyAreNotServedAndARewriteReplacesThem() throws Exception {
        storeTwo();
        byte[] nan = EmbeddingStore.encode(new float[]{4f, Float.NaN, 6f, 7f});
        overwriteVictim(nan, EmbeddingStore.crc(nan)); // checksum matches: only the finite check can catch it
        Map<String, float[]> served = readBoth();
        assertThat(served).containsOnlyKeys("healthy");
        assertThat(served.get("healthy")).containsExactly(healthy);
        // The index run recomputes the missing vector and overwrites the bad row.
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            store.putAll(KEY, Map.of("victim", victim), Map.of());
            assertThat(store.vectors(KEY, List.of("victim")).get("victim")).containsExactly(victim);
        }
    }

    @Test
    void infinityInARowWithoutChecksumIsNotServed() throws Exception {
        storeTwo();
        overwriteVictim(EmbeddingStore.encode(new float[]{4f, 5f, Float.POSITIVE_INFINITY, 7f}), null);
        assertThat(readBoth()).containsOnlyKeys("healthy");
    }

    @Test
    void flippedByteThatStaysFiniteIsCaughtByTheChecksum() throws Exception {
        storeTwo();
        byte[] bytes = EmbeddingStore.encode(victim);
        long crc = EmbeddingStore.crc(bytes);
        bytes[4] ^= 0x01; // lowest mantissa bit of 5f: still finite, just wrong
        float[] flipped = EmbeddingStore.decode(bytes);
        assertThat(Float.isFinite(flipped[1])).isTrue();
        assertThat(flipped[1]).isNotEqualTo(victim[1]);
        overwriteVictim(bytes, crc);
        assertThat(readBoth()).containsOnlyKeys("healthy");
    }

    @Test
    void truncatedBlobIsNotServed() throws Exception {
        storeTwo();
        byte[] bytes = Arrays.copyOf(EmbeddingStore.encode(victim), 10);
        overwriteVictim(bytes, EmbeddingStore.crc(bytes));
        assertThat(readBoth()).containsOnlyKeys("healthy");
        // The look-up path (few hashes) validates too.
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            store.putAll("other@p1", Map.of("x", new float[]{1}, "y", new float[]{2}, "z", new float[]{3}), Map.of());
            assertThat(store.vectors(KEY, List.of("victim"))).isEmpty();
        }
    }

    @Test
    void rowsWithoutChecksumFromBeforeTheMigrationAreStillServed() throws Exception {
        storeTwo();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE vectors SET crc = NULL");
        }
        assertThat(readBoth()).containsOnlyKeys("healthy", "victim");
    }

    @Test
    void migratesAVersionTwoStoreAddingTheChecksumColumn() throws Exception {
        db = dir.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            statement.execute("CREATE TABLE models (store_key TEXT PRIMARY KEY, dimension INTEGER NOT NULL)");
            statement.execute("CREATE TABLE vectors (store_key TEXT NOT NULL, hash TEXT NOT NULL, "
                    + "vector BLOB NOT NULL, PRIMARY KEY (store_key, hash))");
            statement.execute("CREATE TABLE failures (store_key TEXT NOT NULL, hash TEXT NOT NULL, "
                    + "reason TEXT NOT NULL, PRIMARY KEY (store_key, hash)) WITHOUT ROWID");
            statement.execute("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
                    + "modified INTEGER NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID");
            statement.execute("INSERT INTO schema_version (version) VALUES (1)");
            FittedStateStore.createTables(statement);
            statement.execute("INSERT INTO schema_version (version) VALUES (2)");
            statement.execute("INSERT INTO models VALUES ('" + KEY + "', 4)");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO vectors VALUES (?, ?, ?)")) {
                insert.setString(1, KEY);
                insert.setString(2, "healthy");
                insert.setBytes(3, EmbeddingStore.encode(healthy));
                insert.executeUpdate();
            }
        }
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            assertThat(store.vectors(KEY, List.of("healthy")).get("healthy")).containsExactly(healthy);
            store.putAll(KEY, Map.of("victim", victim), Map.of());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT hash, crc FROM vectors ORDER BY hash")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(2)).isNull();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(2)).isEqualTo(EmbeddingStore.crc(EmbeddingStore.encode(victim)));
        }
    }

    @Test
    void damagedPageIsSalvagedIntoANewStoreAndTheOldFileKept() throws Exception {
        db = dir.resolve("store.db");
        Map<String, float[]> written = CorruptionExperiment.vectors(200, 3);
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            store.putAll(CorruptionExperiment.KEY, written, Map.of());
            store.putAll(CorruptionExperiment.KEY, Map.of(), Map.of("broken", "not an image"));
        }
        long pages = Files.size(db) / CorruptionExperiment.PAGE;
        byte[] garbage = new byte[CorruptionExperiment.PAGE];
        new Random(5).nextBytes(garbage);
        try (RandomAccessFile raf = new RandomAccessFile(db.toFile(), "rw")) {
            raf.seek(pages / 2 * CorruptionExperiment.PAGE);
            raf.write(garbage);
        }
        byte[] damagedBytes = Files.readAllBytes(db);
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            VectorStore.Salvage salvage = store.salvage().orElseThrow();
            assertThat(salvage.salvaged()).isPositive().isLessThanOrEqualTo(200);
            assertThat(salvage.message()).contains("salvaged " + salvage.salvaged() + " vectors")
                    .contains(salvage.keptAs().toString());
            assertThat(salvage.keptAs().getFileName().toString()).startsWith("store.db.damaged-");
            assertThat(Files.readAllBytes(salvage.keptAs())).isEqualTo(damagedBytes);
            Map<String, float[]> served = store.vectors(CorruptionExperiment.KEY, written.keySet());
            assertThat(served).hasSize(salvage.salvaged());
            served.forEach((hash, vector) -> assertThat(vector).containsExactly(written.get(hash)));
            assertThat(store.failures(CorruptionExperiment.KEY, List.of("broken"))).containsKey("broken");
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())
                    .filter(f -> f.contains("damaged-") && !f.endsWith("-wal") && !f.endsWith("-shm")).toList()).hasSize(1);
        }
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            assertThat(store.salvage()).isEmpty(); // the new store is healthy
        }
    }

    @Test
    void vectorsUnderADamagedRootPageAreReadFromTheirLeafPages() throws Exception {
        db = dir.resolve("store.db");
        Map<String, float[]> written = CorruptionExperiment.vectors(200, 4);
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            store.putAll(CorruptionExperiment.KEY, written, Map.of());
        }
        long root;
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'vectors'")) {
            root = rs.getLong(1);
        }
        byte[] garbage = new byte[CorruptionExperiment.PAGE];
        new Random(6).nextBytes(garbage);
        try (RandomAccessFile raf = new RandomAccessFile(db.toFile(), "rw")) {
            raf.seek((root - 1) * CorruptionExperiment.PAGE);
            raf.write(garbage);
        }
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            // The root holds no vector, only pointers: every vector is still on its leaf and overflow pages.
            assertThat(store.salvage().orElseThrow().salvaged()).isEqualTo(200);
            Map<String, float[]> served = store.vectors(CorruptionExperiment.KEY, written.keySet());
            assertThat(served).hasSize(200);
            served.forEach((hash, vector) -> assertThat(vector).containsExactly(written.get(hash)));
        }
    }

    @Test
    void pageScannerFindsEveryRowOfAHealthyStore() throws Exception {
        db = dir.resolve("store.db");
        Map<String, float[]> written = CorruptionExperiment.vectors(50, 8);
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            store.putAll(CorruptionExperiment.KEY, written, Map.of());
            store.putAll("tiny@p1", Map.of("a", new float[]{1, 2}, "b", new float[]{3, 4}), Map.of());
        }
        Map<String, PageScanner.RawRow> found = new java.util.HashMap<>();
        PageScanner.scan(db, row -> found.put(row.storeKey() + "/" + row.hash(), row));
        assertThat(found).hasSize(52);
        written.forEach((hash, vector) -> {
            PageScanner.RawRow row = found.get(CorruptionExperiment.KEY + "/" + hash);
            assertThat(EmbeddingStore.decode(row.vector())).containsExactly(vector);
            assertThat(row.crc()).isEqualTo(EmbeddingStore.crc(row.vector()));
        });
        assertThat(EmbeddingStore.decode(found.get("tiny@p1/b").vector())).containsExactly(3, 4);
    }

    @Test
    void damageReportedWhileReadingIsSalvagedAtTheNextOpen() throws Exception {
        storeTwo();
        Files.writeString(EmbeddingStore.salvageMarker(db), "SQLITE_CORRUPT\n");
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            assertThat(store.salvage().orElseThrow().salvaged()).isEqualTo(2);
            assertThat(store.vectors(KEY, List.of("healthy", "victim"))).containsOnlyKeys("healthy", "victim");
        }
        assertThat(EmbeddingStore.salvageMarker(db)).doesNotExist();
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            assertThat(store.salvage()).isEmpty();
        }
    }

    @Test
    void smallCorruptionExperimentServesNothingDamagedAndEndsValid() throws Exception {
        List<CorruptionExperiment.Run> runs = CorruptionExperiment.run(dir, 5, 200, 11);
        assertThat(runs).hasSize(5).allSatisfy(run -> {
            assertThat(run.badServed()).isZero();
            assertThat(run.integrity()).isEqualTo("ok");
            assertThat(run.served()).isLessThanOrEqualTo(200);
        });
        assertThat(runs.stream().filter(CorruptionExperiment.Run::setAside).mapToInt(CorruptionExperiment.Run::salvaged).sum())
                .isPositive();
    }
}
