package dev.pinwall.store;

import dev.pinwall.home.UserDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingStoreTest {

    private static final String MODEL = "mobilenet_v2_imagenet@p1";
    private static final String OTHER_MODEL = "resnet18_imagenet@p1";

    @TempDir
    Path dir;

    @Test
    void roundTripsVectorsExactly() throws Exception {
        Map<String, float[]> vectors = randomVectors("h", 20, 1280, 1);
        vectors.put("special", new float[]{0f, -0f, Float.MIN_VALUE, -Float.MAX_VALUE, 1e-30f, 3.5f});
        Map<String, float[]> sixes = new HashMap<>(vectors);
        sixes.keySet().removeIf(k -> !k.equals("special"));
        vectors.remove("special");
        Path db = dir.resolve("nested/folders/store.db");
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            store.putAll(MODEL, vectors, Map.of());
            store.putAll("tiny@p1", sixes, Map.of());
        }
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            Map<String, float[]> loaded = store.vectors(MODEL, vectors.keySet());
            assertThat(loaded.keySet()).isEqualTo(vectors.keySet());
            vectors.forEach((hash, vector) -> assertThat(loaded.get(hash)).containsExactly(vector));
            assertThat(store.vectors("tiny@p1", List.of("special")).get("special"))
                    .containsExactly(sixes.get("special"));
            assertThat(store.dimension(MODEL)).contains(1280);
        }
    }

    @Test
    void storesVectorsAsLittleEndianFloats() {
        byte[] bytes = EmbeddingStore.encode(new float[]{1.0f});
        // 1.0f is 0x3F800000: little-endian puts the low byte first.
        assertThat(bytes).containsExactly(0x00, 0x00, (byte) 0x80, 0x3F);
    }

    @Test
    void returnsOnlyKnownHashes() throws Exception {
        try (EmbeddingStore store = open()) {
            store.putAll(MODEL, randomVectors("h", 3, 8, 2), Map.of());
            assertThat(store.vectors(MODEL, List.of("h0", "nope")).keySet()).containsExactly("h0");
            assertThat(store.vectors("unknown@p1", List.of("h0"))).isEmpty();
            assertThat(store.vectors(MODEL, List.of())).isEmpty();
        }
    }

    @Test
    void loadsLargeSubsetsAndWholeSets() throws Exception {
        try (EmbeddingStore store = open()) {
            Map<String, float[]> all = randomVectors("h", 3000, 4, 3);
            store.putAll(MODEL, all, Map.of());
            // A third of the set goes through chunked look-ups, more than one chunk's worth.
            List<String> subset = new ArrayList<>();
            for (int i = 0; i < 3000; i += 3) {
                subset.add("h" + i);
            }
            subset.add("absent");
            Map<String, float[]> some = store.vectors(MODEL, subset);
            assertThat(some).hasSize(1000);
            assertThat(some.get("h2997")).containsExactly(all.get("h2997"));
            // Nearly all of it goes through one scan, which must still filter.
            List<String> most = new ArrayList<>(all.keySet());
            most.remove("h5");
            most.add("absent");
            Map<String, float[]> loaded = store.vectors(MODEL, most);
            assertThat(loaded).hasSize(2999).doesNotContainKey("h5").doesNotContainKey("absent");
            assertThat(loaded.get("h1234")).containsExactly(all.get("h1234"));
        }
    }

    @Test
    void secondPutOfSameKeysReplacesWithoutDuplicating() throws Exception {
        try (EmbeddingStore store = open()) {
            store.putAll(MODEL, randomVectors("h", 10, 16, 4), Map.of());
            Map<String, float[]> again = randomVectors("h", 15, 16, 5);
            store.putAll(MODEL, again, Map.of());
            assertThat(store.count(MODEL)).isEqualTo(15);
            assertThat(store.vectors(MODEL, List.of("h3")).get("h3")).containsExactly(again.get("h3"));
        }
    }

    @Test
    void keepsEachModelsVectorsWhenSwitchingModels() throws Exception {
        try (EmbeddingStore store = open()) {
            Map<String, float[]> first = randomVectors("h", 5, 1280, 6);
            Map<String, float[]> second = randomVectors("h", 3, 512, 7);
            store.putAll(MODEL, first, Map.of());
            store.putAll(OTHER_MODEL, second, Map.of());
            assertThat(store.storeKeys()).containsExactly(MODEL, OTHER_MODEL);
            assertThat(store.count(MODEL)).isEqualTo(5);
            assertThat(store.count(OTHER_MODEL)).isEqualTo(3);
            assertThat(store.vectors(MODEL, List.of("h1")).get("h1")).containsExactly(first.get("h1"));
            assertThat(store.vectors(OTHER_MODEL, List.of("h1")).get("h1")).containsExactly(second.get("h1"));
        }
    }

    @Test
    void refusesVectorsOfAnotherLengthForTheSameModel() throws Exception {
        try (EmbeddingStore store = open()) {
            store.putAll(MODEL, randomVectors("h", 2, 1280, 8), Map.of());
            assertThatThrownBy(() -> store.putAll(MODEL, randomVectors("x", 2, 512, 9), Map.of()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("1280-dimensional")
                    .hasMessageContaining("512-dimensional")
                    .hasMessageContaining(MODEL);
            Map<String, float[]> mixed = new HashMap<>();
            mixed.put("a", new float[4]);
            mixed.put("b", new float[5]);
            assertThatThrownBy(() -> store.putAll("new@p1", mixed, Map.of()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("different lengths");
            assertThat(store.count(MODEL)).isEqualTo(2);
            assertThat(store.storeKeys()).containsExactly(MODEL);
        }
    }

    @Test
    void recordsFailureOnceAndClearsItOnSuccess() throws Exception {
        try (EmbeddingStore store = open()) {
            store.putAll(MODEL, Map.of(), Map.of("bad", "not an image: truncated JPEG"));
            store.putAll(MODEL, Map.of(), Map.of("bad", "not an image: truncated JPEG"));
            assertThat(store.failures(MODEL, List.of("bad", "other")))
                    .containsExactly(Map.entry("bad", "not an image: truncated JPEG"));
            assertThat(store.failures(OTHER_MODEL, List.of("bad"))).isEmpty();
            assertThat(store.count(MODEL)).isZero();

            store.putAll(MODEL, Map.of("bad", new float[]{1, 2}), Map.of());
            assertThat(store.failures(MODEL, List.of("bad"))).isEmpty();
            // A late failure report does not hide a vector that exists.
            store.putAll(MODEL, Map.of(), Map.of("bad", "decoder crashed"));
            assertThat(store.failures(MODEL, List.of("bad"))).isEmpty();
            assertThat(store.vectors(MODEL, List.of("bad"))).containsKey("bad");
        }
    }

    @Test
    void fullDiskRollsBackTheBatchAndKeepsEarlierData() throws Exception {
        try (EmbeddingStore store = open()) {
            Map<String, float[]> early = randomVectors("early", 50, 256, 10);
            store.putAll(MODEL, early, Map.of());
            store.limitPages(pageCount(store) + 5);

            Map<String, float[]> big = randomVectors("late", 400, 1280, 11);
            assertThatThrownBy(() -> store.putAll(MODEL, resized(big, 256), Map.of("broken", "bad file")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("full")
                    .hasMessageContaining("nothing stored earlier was lost");

            assertThat(store.count(MODEL)).isEqualTo(50);
            assertThat(store.vectors(MODEL, List.of("late0", "late399"))).isEmpty();
            assertThat(store.failures(MODEL, List.of("broken"))).isEmpty();
            assertThat(store.vectors(MODEL, early.keySet()).get("early7")).containsExactly(early.get("early7"));

            // The store stays usable once there is room again.
            store.limitPages(1_000_000);
            store.putAll(MODEL, Map.of("after", new float[256]), Map.of());
            assertThat(store.count(MODEL)).isEqualTo(51);
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void reportsDamagedFileWithAdvice() throws Exception {
        Path db = dir.resolve("store.db");
        byte[] garbage = new byte[8192];
        new Random(12).nextBytes(garbage);
        Files.write(db, garbage);
        assertThatThrownBy(() -> EmbeddingStore.open(db))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("the embedding store at " + db.toAbsolutePath() + " is damaged")
                .hasMessageContaining("move it aside to start afresh");
    }

    @Test
    void explainsSqliteErrorsForUsers() {
        Path db = Path.of("/data/store.db");
        assertThat(EmbeddingStore.translate(db, "read",
                new org.sqlite.SQLiteException("malformed", org.sqlite.SQLiteErrorCode.SQLITE_CORRUPT_INDEX)))
                .hasMessage("the embedding store at /data/store.db is damaged: malformed; move it aside to start afresh");
        assertThat(EmbeddingStore.translate(db, "write to",
                new org.sqlite.SQLiteException("full", org.sqlite.SQLiteErrorCode.SQLITE_FULL)))
                .hasMessageStartingWith("the disk holding the embedding store at /data/store.db is full");
        assertThat(EmbeddingStore.translate(db, "write to",
                new org.sqlite.SQLiteException("busy", org.sqlite.SQLiteErrorCode.SQLITE_BUSY)))
                .hasMessageContaining("busy");
        assertThat(EmbeddingStore.translate(db, "write to",
                new org.sqlite.SQLiteException("oops", org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT)))
                .hasMessage("could not write to the embedding store at /data/store.db: oops");
    }

    @Test
    void refusesFolderAsStoreFile() throws Exception {
        Path db = Files.createDirectories(dir.resolve("store.db"));
        assertThatThrownBy(() -> EmbeddingStore.open(db))
                .isInstanceOf(StoreException.class).hasMessageContaining("folder");
    }

    @Test
    void refusesStoreFromNewerSchema() throws Exception {
        Path db = dir.resolve("store.db");
        EmbeddingStore.open(db).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version (version) VALUES (" + (EmbeddingStore.SCHEMA_VERSION + 1) + ")");
        }
        assertThatThrownBy(() -> EmbeddingStore.open(db))
                .isInstanceOf(StoreException.class).hasMessageContaining("newer Pinwall");
    }

    @Test
    void usesWalJournal() throws Exception {
        Path db = dir.resolve("store.db");
        EmbeddingStore.open(db).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void remembersHashesPerExactFileState() throws Exception {
        try (EmbeddingStore store = open()) {
            FileStamp stamp = new FileStamp(dir.resolve("a.jpg"), 100, 1_700_000_000_000L);
            assertThat(store.fileHashes().knownHash(stamp)).isEmpty();
            store.fileHashes().rememberHashes(Map.of(stamp, "hash-a"));
            assertThat(store.fileHashes().knownHash(stamp)).contains("hash-a");
            assertThat(store.fileHashes().knownHash(new FileStamp(stamp.path(), 101, stamp.modifiedMillis()))).isEmpty();
            assertThat(store.fileHashes().knownHash(new FileStamp(stamp.path(), 100, stamp.modifiedMillis() + 1))).isEmpty();
            // A relative spelling of the same path is the same file.
            FileStamp relative = new FileStamp(dir.resolve("x/../a.jpg"), 100, stamp.modifiedMillis());
            assertThat(store.fileHashes().knownHash(relative)).contains("hash-a");

            FileStamp changed = new FileStamp(stamp.path(), 120, stamp.modifiedMillis() + 5);
            store.fileHashes().rememberHashes(Map.of(changed, "hash-a2"));
            assertThat(store.fileHashes().knownHash(stamp)).isEmpty();
            assertThat(store.fileHashes().knownHash(changed)).contains("hash-a2");
        }
    }

    @Test
    void looksUpManyPathsAtOnce() throws Exception {
        try (EmbeddingStore store = open()) {
            Map<FileStamp, String> remembered = new LinkedHashMap<>();
            for (int i = 0; i < 2500; i++) {
                remembered.put(new FileStamp(dir.resolve(i + ".jpg"), i, 1000L + i), "hash" + i);
            }
            store.fileHashes().rememberHashes(remembered);
            List<FileStamp> asked = new ArrayList<>(remembered.keySet());
            asked.set(7, new FileStamp(dir.resolve("7.jpg"), 7, 1));
            asked.add(new FileStamp(dir.resolve("new.jpg"), 1, 1));
            Map<Path, String> known = store.fileHashes().knownHashes(asked);
            assertThat(known).hasSize(2499).doesNotContainKey(dir.resolve("7.jpg"));
            assertThat(known.get(dir.resolve("2499.jpg"))).isEqualTo("hash2499");

            // Fewer than half: looked up in chunks, more than one chunk's worth.
            List<FileStamp> some = new ArrayList<>(asked.subList(0, 1200));
            some.add(new FileStamp(dir.resolve("other.jpg"), 1, 1));
            Map<Path, String> someKnown = store.fileHashes().knownHashes(some);
            assertThat(someKnown).hasSize(1199).doesNotContainKey(dir.resolve("7.jpg"))
                    .doesNotContainKey(dir.resolve("other.jpg"));
            assertThat(someKnown.get(dir.resolve("1199.jpg"))).isEqualTo("hash1199");
        }
    }

    @Test
    void readersWorkWhileOneThreadWrites() throws Exception {
        try (EmbeddingStore store = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            // The writer starts once both readers run, so a busy machine cannot finish it before they read at all.
            java.util.concurrent.CountDownLatch readersStarted = new java.util.concurrent.CountDownLatch(2);
            try {
                Future<?> writer = pool.submit(() -> {
                    readersStarted.await();
                    for (int batch = 0; batch < 40; batch++) {
                        store.putAll(MODEL, randomVectors("b" + batch + "-", 16, 64, batch), Map.of());
                    }
                    return null;
                });
                List<Future<Integer>> readers = new ArrayList<>();
                for (int r = 0; r < 2; r++) {
                    readers.add(pool.submit(() -> {
                        int reads = 0;
                        readersStarted.countDown();
                        while (!writer.isDone()) {
                            int count = store.count(MODEL);
                            assertThat(count % 16).isZero(); // never a half-written batch
                            store.vectors(MODEL, List.of("b0-0", "b1-1"));
                            reads++;
                        }
                        return reads;
                    }));
                }
                writer.get();
                for (Future<Integer> reader : readers) {
                    assertThat(reader.get()).isPositive();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.count(MODEL)).isEqualTo(640);
        }
    }

    @Test
    void refusesUseAfterClose() throws Exception {
        EmbeddingStore store = open();
        store.close();
        store.close(); // closing twice is harmless
        assertThatThrownBy(() -> store.count(MODEL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void defaultLocationPrefersPinwallHomeThenXdgThenHome() {
        assertThat(StoreLocation.defaultFile(UserDirs.of(Map.of("PINWALL_HOME", "/p", "HOME", "/h"), "/home/u")))
                .isEqualTo(Path.of("/p/store.db"));
        assertThat(StoreLocation.defaultFile(UserDirs.of(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h"), "/home/u")))
                .isEqualTo(Path.of("/x/pinwall/store.db"));
        assertThat(StoreLocation.defaultFile(UserDirs.of(Map.of("HOME", "/h"), "/home/u")))
                .as("$HOME, not the account's user.home").isEqualTo(Path.of("/h/.local/share/pinwall/store.db"));
        assertThat(StoreLocation.defaultFile(UserDirs.of(Map.of(), "/home/u")))
                .isEqualTo(Path.of("/home/u/.local/share/pinwall/store.db"));
    }

    private EmbeddingStore open() throws StoreException {
        return EmbeddingStore.open(dir.resolve("store.db"));
    }

    private static long pageCount(EmbeddingStore store) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + store.file());
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, float[]> resized(Map<String, float[]> vectors, int dimension) {
        Map<String, float[]> result = new HashMap<>();
        vectors.forEach((k, v) -> result.put(k, java.util.Arrays.copyOf(v, dimension)));
        return result;
    }

    static Map<String, float[]> randomVectors(String prefix, int count, int dimension, long seed) {
        Random random = new Random(seed);
        Map<String, float[]> vectors = new HashMap<>();
        for (int i = 0; i < count; i++) {
            float[] vector = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                vector[d] = (float) random.nextGaussian();
            }
            vectors.put(prefix + i, vector);
        }
        return vectors;
    }

}
