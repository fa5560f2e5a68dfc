package dev.pinwall.store;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

/**
 * Embedding vectors in one SQLite file shared by all folders and models; the same file holds the path cache
 * ({@link FileHashCache}) and the fitted similarity state ({@link FittedStateStore}), each in its own tables and
 * class. Where the file lives by default is {@link StoreLocation}'s business.
 *
 * <p>Vectors are keyed by (content hash, store key), so a moved, renamed or duplicated file reuses its vector, and
 * switching models keeps each model's vectors. Failures (a file that cannot be embedded) are kept under the same key,
 * so a bad file is reported once rather than retried on every run.
 *
 * <p>Every write is one transaction: it either lands completely or not at all, and what was committed earlier survives
 * a crash or a killed process (WAL journal). Safe for one writing thread and any number of reading threads: writes and
 * reads use separate connections, each guarded by its own lock, so readers are not held up by a long write.
 *
 * <p>Damage is never served. Each vector row carries a CRC32 of its bytes and is checked as it is read (length, finite
 * values, checksum); a bad row is treated as missing, so the next index run recomputes and overwrites it. At open a
 * {@code PRAGMA quick_check} runs; a file it finds damaged (or that SQLite reports corrupt) is kept beside the store
 * as {@code <name>.damaged-<time>}, a new store takes its place, and every readable vector is copied into it (see
 * {@link #salvage()}).
 */
public final class EmbeddingStore implements VectorStore {

    /** Version of the schema this code writes; stored in the {@code schema_version} table for future migrations. */
    static final int SCHEMA_VERSION = 3;

    /** Parameters per {@code IN (...)} query; well below SQLite's limit of 32766. */
    private static final int IN_CHUNK = 1000;

    /** Upper bound of the reader's memory map; SQLite maps no more than the file's size. */
    private static final long MMAP_BYTES = 1L << 30;

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    private final FittedStateStore fittedStates;
    private final FileHashCache fileHashes;
    private volatile boolean closed;
    /** Rows already reported as damaged, so each is logged once per session. */
    private final Set<String> reportedRows = ConcurrentHashMap.newKeySet();
    private Salvage salvage;

    private static final System.Logger LOG = System.getLogger(EmbeddingStore.class.getName());

    private EmbeddingStore(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.fittedStates = new FittedStateStore(this);
        this.fileHashes = new FileHashCache(this);
    }

    /**
     * Opens the store at {@code dbFile}, creating it (and its parent folders) when absent.
     *
     * @throws StoreException when the file cannot be created or opened, is not a database, or is damaged
     */
    public static EmbeddingStore open(Path dbFile) throws StoreException {
        Path file = dbFile.toAbsolutePath().normalize();
        try {
            return openChecked(file);
        } catch (Damaged damaged) {
            return StoreSalvage.salvage(file, damaged.getMessage());
        }
    }

    /** The store's file was found damaged at open; it holds the reason. */
    static final class Damaged extends Exception {
        Damaged(String reason) {
            super(reason);
        }
    }

    /** Opens the store at {@code file}, throwing {@link Damaged} when it is damaged but may hold salvageable rows. */
    static EmbeddingStore openChecked(Path file) throws StoreException, Damaged {
        if (Files.exists(salvageMarker(file)) && hasSqliteHeader(file)) {
            throw new Damaged("SQLite reported it corrupt while it was read");
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the folder for the embedding store at " + file + ": " + e, e);
        }
        if (Files.isDirectory(file)) {
            throw new StoreException("cannot open the embedding store at " + file + ": it is a folder, not a file");
        }
        Connection writer = null;
        Connection reader = null;
        try {
            writer = connect(file, true);
            try (Statement statement = writer.createStatement()) {
                // journal_mode is the first statement that reads the file, so a non-database fails here.
                try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode=WAL")) {
                    String mode = rs.next() ? rs.getString(1) : "";
                    if (!"wal".equalsIgnoreCase(mode)) {
                        throw new StoreException("cannot open the embedding store at " + file
                                + ": the file system does not support its journal (got '" + mode + "')");
                    }
                }
                // Cheap structural check (tens of ms for 8,000 vectors); integrity_check's index cross-check is not
                // needed since every row is validated as it is read.
                String check = quickCheck(statement);
                if (!"ok".equals(check)) {
                    throw new Damaged("quick_check: " + firstLine(check));
                }
            }
            createSchema(file, writer);
            reader = connect(file, false);
            try (Statement statement = reader.createStatement()) {
                // Reading vectors through a memory map avoids a copy per page: loading a large store is 2-3x faster.
                statement.execute("PRAGMA mmap_size = " + MMAP_BYTES);
            }
            return new EmbeddingStore(file, writer, reader);
        } catch (SQLException e) {
            closeQuietly(reader);
            closeQuietly(writer);
            if (isCorrupt(e) && hasSqliteHeader(file)) {
                throw new Damaged(e.getMessage());
            }
            throw translate(file, "open", e);
        } catch (Damaged e) {
            closeQuietly(reader);
            closeQuietly(writer);
            throw e;
        } catch (StoreException | RuntimeException e) {
            closeQuietly(reader);
            closeQuietly(writer);
            throw e;
        }
    }

    /** Where the store lives unless the user says otherwise; see {@link StoreLocation#defaultFile()}. */
    public static Path defaultLocation() {
        return StoreLocation.defaultFile();
    }

    /** The path cache: content hashes of files by path, size and modification time. */
    @Override
    public FileHashCache fileHashes() {
        return fileHashes;
    }

    /** The fitted similarity state of collections, kept in the same file (see {@link FittedStateStore}). */
    @Override
    public FittedStateStore fittedStates() {
        return fittedStates;
    }

    @Override
    public Path localFolder() {
        return file.getParent();
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** What opening did to a damaged file, or empty when the file was healthy. */
    @Override
    public Optional<Salvage> salvage() {
        return Optional.ofNullable(salvage);
    }

    void salvaged(Salvage report) {
        this.salvage = report;
    }

    // ---------------------------------------------------------------------------------------------- vectors

    /**
     * The stored vectors for those of {@code hashes} that have one under {@code storeKey}; hashes without a vector are
     * absent from the result. Each call returns fresh arrays.
     */
    @Override
    public Map<String, float[]> vectors(String storeKey, Collection<String> hashes) throws StoreException {
        Set<String> wanted = hashes instanceof Set<String> set ? set : new LinkedHashSet<>(hashes);
        Map<String, float[]> result = new HashMap<>(Math.max(16, wanted.size() * 4 / 3 + 1));
        if (wanted.isEmpty()) {
            return result;
        }
        lock(readLock);
        try {
            int dimension = dimension(reader, storeKey);
            if (dimension < 0) {
                return result;
            }
            if (wanted.size() >= countUnlocked(storeKey) / 2) {
                // Most of the model's vectors are wanted (the usual "load the folder" call): one sequential scan beats
                // thousands of index look-ups.
                // Rows are fetched in rowid (= insertion) order, which is close to file order, instead of the index's
                // hash order: this halved the load time of 44,000 x 1280-d vectors.
                try (PreparedStatement select = reader.prepareStatement("SELECT hash, vector, crc FROM vectors WHERE rowid IN "
                        + "(SELECT rowid FROM vectors WHERE store_key = ?) ORDER BY rowid")) {
                    select.setString(1, storeKey);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            String hash = rs.getString(1);
                            if (wanted.contains(hash)) {
                                putValid(result, storeKey, hash, rs, dimension);
                            }
                        }
                    }
                }
            } else {
                for (List<String> chunk : chunks(wanted)) {
                    try (PreparedStatement select = reader.prepareStatement(
                            "SELECT hash, vector, crc FROM vectors WHERE store_key = ? AND hash IN (" + placeholders(chunk.size()) + ")")) {
                        select.setString(1, storeKey);
                        bind(select, 2, chunk);
                        try (ResultSet rs = select.executeQuery()) {
                            while (rs.next()) {
                                putValid(result, storeKey, hash(rs), rs, dimension);
                            }
                        }
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            throw failure("read", e);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public java.util.SortedMap<String, float[]> vectorsAfter(String storeKey, String afterHash, int limit)
            throws StoreException {
        java.util.SortedMap<String, float[]> page = new java.util.TreeMap<>();
        lock(readLock);
        try {
            int dimension = dimension(reader, storeKey);
            if (dimension < 0) {
                return page;
            }
            try (PreparedStatement select = reader.prepareStatement("SELECT hash, vector, crc FROM vectors "
                    + "WHERE store_key = ? AND hash > ? ORDER BY hash LIMIT ?")) {
                select.setString(1, storeKey);
                select.setString(2, afterHash);
                select.setInt(3, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        putValid(page, storeKey, hash(rs), rs, dimension);
                    }
                }
            }
            return page;
        } catch (SQLException e) {
            throw failure("read", e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Stores vectors and failures for one model in one transaction: all of it lands, or (on any error) none of it.
     * A vector clears an earlier failure for the same hash; a failure is not recorded for a hash that has a vector.
     *
     * @param vectors  content hash to vector; all vectors of a store key must have the same length
     * @param failures content hash to a reason a user can read (e.g. "not an image: truncated JPEG")
     * @throws StoreException when a vector's length differs from the ones already stored for {@code storeKey}, or the
     *                        write fails (e.g. the disk is full); nothing of this call is then stored
     */
    @Override
    public void putAll(String storeKey, Map<String, float[]> vectors, Map<String, String> failures)
            throws StoreException {
        if (vectors.isEmpty() && failures.isEmpty()) {
            return;
        }
        int batchDimension = -1;
        for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
            int length = entry.getValue().length;
            if (length == 0) {
                throw new StoreException("cannot store an empty vector for " + entry.getKey() + " under " + storeKey);
            }
            for (float v : entry.getValue()) {
                if (!Float.isFinite(v)) { // last guard: a NaN vector would poison every query for good
                    throw new StoreException("cannot store a vector holding NaN or infinity for " + entry.getKey()
                            + " under " + storeKey);
                }
            }
            if (batchDimension >= 0 && length != batchDimension) {
                throw new StoreException("cannot store vectors of different lengths (" + batchDimension + " and "
                        + length + ") under " + storeKey);
            }
            batchDimension = length;
        }
        int dimension = batchDimension;
        inTransaction("write to", () -> {
            if (dimension > 0) {
                int stored = dimension(writer, storeKey);
                if (stored < 0) {
                    try (PreparedStatement insert = writer.prepareStatement(
                            "INSERT INTO models (store_key, dimension) VALUES (?, ?)")) {
                        insert.setString(1, storeKey);
                        insert.setInt(2, dimension);
                        insert.executeUpdate();
                    }
                } else if (stored != dimension) {
                    throw new StoreException("the embedding store holds " + stored + "-dimensional vectors for "
                            + storeKey + " but was given " + dimension + "-dimensional ones; a model whose output "
                            + "changed needs a new id or preprocessing version");
                }
                try (PreparedStatement insert = writer.prepareStatement(
                        "INSERT OR REPLACE INTO vectors (store_key, hash, vector, crc) VALUES (?, ?, ?, ?)");
                     PreparedStatement clear = writer.prepareStatement(
                             "DELETE FROM failures WHERE store_key = ? AND hash = ?")) {
                    for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                        insert.setString(1, storeKey);
                        insert.setString(2, entry.getKey());
                        byte[] bytes = encode(entry.getValue());
                        insert.setBytes(3, bytes);
                        insert.setLong(4, crc(bytes));
                        insert.addBatch();
                        clear.setString(1, storeKey);
                        clear.setString(2, entry.getKey());
                        clear.addBatch();
                    }
                    insert.executeBatch();
                    clear.executeBatch();
                }
            }
            if (!failures.isEmpty()) {
                try (PreparedStatement insert = writer.prepareStatement(
                        "INSERT OR REPLACE INTO failures (store_key, hash, reason) SELECT ?, ?, ? "
                                + "WHERE NOT EXISTS (SELECT 1 FROM vectors WHERE store_key = ? AND hash = ?)")) {
                    for (Map.Entry<String, String> entry : failures.entrySet()) {
                        insert.setString(1, storeKey);
                        insert.setString(2, entry.getKey());
                        insert.setString(3, entry.getValue());
                        insert.setString(4, storeKey);
                        insert.setString(5, entry.getKey());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        });
    }

    /** The recorded failure reasons for those of {@code hashes} that failed under {@code storeKey}. */
    @Override
    public Map<String, String> failures(String storeKey, Collection<String> hashes) throws StoreException {
        Map<String, String> result = new HashMap<>();
        Set<String> wanted = hashes instanceof Set<String> set ? set : new LinkedHashSet<>(hashes);
        lock(readLock);
        try {
            for (List<String> chunk : chunks(wanted)) {
                try (PreparedStatement select = reader.prepareStatement(
                        "SELECT hash, reason FROM failures WHERE store_key = ? AND hash IN (" + placeholders(chunk.size()) + ")")) {
                    select.setString(1, storeKey);
                    bind(select, 2, chunk);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            result.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            throw failure("read", e);
        } finally {
            readLock.unlock();
        }
    }

    /** How many vectors are stored under {@code storeKey}. */
    @Override
    public int count(String storeKey) throws StoreException {
        lock(readLock);
        try {
            return countUnlocked(storeKey);
        } catch (SQLException e) {
            throw failure("read", e);
        } finally {
            readLock.unlock();
        }
    }

    /** The store keys that have vectors, sorted. */
    @Override
    public Set<String> storeKeys() throws StoreException {
        lock(readLock);
        try (Statement statement = reader.createStatement();
             ResultSet rs = statement.executeQuery("SELECT store_key FROM models")) {
            Set<String> keys = new TreeSet<>();
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
            return keys;
        } catch (SQLException e) {
            throw failure("read", e);
        } finally {
            readLock.unlock();
        }
    }

    /** The vector length stored for {@code storeKey}, or empty when it has no vectors yet. */
    @Override
    public Optional<Integer> dimension(String storeKey) throws StoreException {
        lock(readLock);
        try {
            int dimension = dimension(reader, storeKey);
            return dimension < 0 ? Optional.empty() : Optional.of(dimension);
        } catch (SQLException e) {
            throw failure("read", e);
        } finally {
            readLock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------- upkeep

    /** Runs SQLite's full integrity check: "ok", or a description of the damage. Slow on a large store. */
    public String integrityCheck() throws StoreException {
        lock(readLock);
        try (Statement statement = reader.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            return String.join("\n", lines);
        } catch (SQLException e) {
            throw failure("check", e);
        } finally {
            readLock.unlock();
        }
    }

    /** Test hook: caps the database size in pages, so "disk full" can be provoked without filling a disk. */
    void limitPages(long maxPages) throws SQLException {
        lock(writeLock);
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA max_page_count = " + maxPages);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(reader);
            closeQuietly(writer);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------- internals

    private static Connection connect(Path file, boolean forWriting) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(15_000);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        if (forWriting) {
            // Take the write lock at BEGIN, so two processes never deadlock upgrading a read lock.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        return config.createConnection("jdbc:sqlite:" + file);
    }

    private static void createSchema(Path file, Connection connection) throws SQLException, StoreException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = 0;
            try (ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    version = rs.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new StoreException("the embedding store at " + file + " was written by a newer Pinwall (schema "
                        + version + ", this one knows " + SCHEMA_VERSION + "); update Pinwall or use another store");
            }
            if (version < 1) {
                statement.execute("CREATE TABLE models (store_key TEXT PRIMARY KEY, dimension INTEGER NOT NULL)");
                // A plain rowid table: the blobs are a few KB, too big for WITHOUT ROWID to pay off.
                statement.execute("CREATE TABLE vectors (store_key TEXT NOT NULL, hash TEXT NOT NULL, "
                        + "vector BLOB NOT NULL, PRIMARY KEY (store_key, hash))");
                statement.execute("CREATE TABLE failures (store_key TEXT NOT NULL, hash TEXT NOT NULL, "
                        + "reason TEXT NOT NULL, PRIMARY KEY (store_key, hash)) WITHOUT ROWID");
                statement.execute("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
                        + "modified INTEGER NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID");
                statement.execute("INSERT INTO schema_version (version) VALUES (1)");
            }
            if (version < 2) {
                FittedStateStore.createTables(statement);
                statement.execute("INSERT INTO schema_version (version) VALUES (2)");
            }
            if (version < 3) {
                // CRC32 of the vector bytes; rows written before version 3 keep NULL and are checked for length and
                // finite values only.
                statement.execute("ALTER TABLE vectors ADD COLUMN crc INTEGER");
                statement.execute("INSERT INTO schema_version (version) VALUES (3)");
            }
            // Later schema versions migrate here, step by step, inside this same transaction.
            connection.commit();
        } catch (SQLException | StoreException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            restoreAutoCommit(connection);
        }
    }

    /**
     * Leaves the connection in auto-commit mode without masking the error that ended the transaction: after some
     * errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already rolled back, and the driver's closing COMMIT then fails.
     */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException first) {
            try {
                if (!connection.getAutoCommit()) {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException ignored) {
                // The next transaction will report the connection's state if it is really broken.
            }
        }
    }

    interface Work {
        void run() throws SQLException, StoreException;
    }

    /** Something read under the reader's lock. */
    interface Read<T> {
        T run(Connection reader) throws SQLException, StoreException;
    }

    /** Runs {@code read} on the reading connection; for the other tables of this file. */
    <T> T read(Read<T> read) throws StoreException {
        lock(readLock);
        try {
            return read.run(reader);
        } catch (SQLException e) {
            throw failure("read", e);
        } finally {
            readLock.unlock();
        }
    }

    /** Runs {@code work} on the writing connection in one transaction; for the other tables of this file. */
    void write(Work work) throws StoreException {
        inTransaction("write to", work);
    }

    Connection writer() {
        return writer;
    }

    private void inTransaction(String doing, Work work) throws StoreException {
        lock(writeLock);
        try {
            writer.setAutoCommit(false);
            try {
                work.run();
                writer.commit();
            } catch (SQLException | StoreException | RuntimeException e) {
                rollbackQuietly(writer);
                throw e;
            } finally {
                restoreAutoCommit(writer);
            }
        } catch (SQLException e) {
            throw failure(doing, e);
        } finally {
            writeLock.unlock();
        }
    }

    private void lock(ReentrantLock lock) {
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("the embedding store at " + file + " is closed");
        }
    }

    private int countUnlocked(String storeKey) throws SQLException {
        try (PreparedStatement select = reader.prepareStatement("SELECT COUNT(*) FROM vectors WHERE store_key = ?")) {
            select.setString(1, storeKey);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static int dimension(Connection connection, String storeKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT dimension FROM models WHERE store_key = ?")) {
            select.setString(1, storeKey);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        }
    }

    static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private static String hash(ResultSet rs) throws SQLException {
        return rs.getString(1);
    }

    /** Adds the row's vector to {@code result} when it is valid; a damaged row is logged once and left out. */
    private void putValid(Map<String, float[]> result, String storeKey, String hash, ResultSet rs, int dimension)
            throws SQLException {
        byte[] bytes = rs.getBytes(2);
        long crc = rs.getLong(3);
        Long expected = rs.wasNull() ? null : crc;
        String problem = problem(bytes, expected, dimension);
        if (problem == null) {
            result.put(hash, decode(bytes));
        } else if (reportedRows.add(storeKey + "\u0000" + hash)) {
            LOG.log(System.Logger.Level.WARNING, "the embedding store at " + file + " holds a damaged vector for "
                    + hash + " under " + storeKey + " (" + problem + "); it is treated as missing and will be recomputed");
        }
    }

    /**
     * Why a stored vector cannot be used, or null when it can: wrong length, a non-finite value, or a checksum that
     * does not match ({@code crc} null for rows written before checksums).
     */
    static String problem(byte[] bytes, Long crc, int dimension) {
        if (bytes == null || bytes.length != dimension * Float.BYTES) {
            return (bytes == null ? 0 : bytes.length) + " bytes, expected " + dimension * Float.BYTES;
        }
        if (crc != null && crc(bytes) != crc) {
            return "checksum mismatch";
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < dimension; i++) {
            if (!Float.isFinite(buffer.getFloat(i * Float.BYTES))) {
                return "non-finite value at " + i;
            }
        }
        return null;
    }

    static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    static String quickCheck(Statement statement) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("PRAGMA quick_check")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return String.join("\n", lines);
    }

    /** The first line that describes damage, skipping quick_check's "*** in database main ***" heading. */
    private static String firstLine(String text) {
        List<String> lines = text.lines().filter(line -> !line.startsWith("***")).toList();
        if (lines.isEmpty()) {
            return text;
        }
        return lines.get(0) + (lines.size() > 1 ? " (and " + (lines.size() - 1) + " more problems)" : "");
    }

    /** SQLITE_CORRUPT or SQLITE_NOTADB. */
    static boolean isCorrupt(SQLException e) {
        int code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code : e.getErrorCode();
        return (code & 0xff) == 11 || (code & 0xff) == 26;
    }

    /** Whether the file starts like an SQLite database: only then is it ours to set aside and salvage. */
    static boolean hasSqliteHeader(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(16);
            return new String(header, java.nio.charset.StandardCharsets.ISO_8859_1).equals("SQLite format 3\u0000");
        } catch (IOException e) {
            return false;
        }
    }

    static List<List<String>> chunks(Collection<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>(Math.min(IN_CHUNK, values.size()));
        for (String value : values) {
            current.add(value);
            if (current.size() == IN_CHUNK) {
                chunks.add(current);
                current = new ArrayList<>(IN_CHUNK);
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    static String placeholders(int count) {
        return "?,".repeat(count - 1) + "?";
    }

    static void bind(PreparedStatement statement, int first, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(first + i, values.get(i));
        }
    }

    /** The file that asks the next open to salvage the store: SQLite reported damage that quick_check may miss. */
    static Path salvageMarker(Path file) {
        return file.resolveSibling(file.getFileName() + ".needs-salvage");
    }

    /** {@link #translate}, and for damage found while the store is open, a note to salvage it at the next open. */
    private StoreException failure(String doing, SQLException e) {
        if (!isCorrupt(e)) {
            return translate(file, doing, e);
        }
        try {
            Files.writeString(salvageMarker(file), "SQLite reported this store damaged: " + e.getMessage() + "\n");
        } catch (IOException ignored) {
            // Without the note, the next open still runs quick_check.
        }
        return new StoreException("the embedding store at " + file + " is damaged: " + e.getMessage()
                + "; Pinwall sets it aside and salvages its vectors when it is next opened", e);
    }

    /** Turns SQLite's error into a message a user can act on. */
    static StoreException translate(Path file, String doing, SQLException e) {
        int code = e instanceof SQLiteException sqlite ? sqlite.getResultCode().code : e.getErrorCode();
        String detail = e.getMessage();
        // SQLITE_IOERR_SHMSIZE (4874): the shared-memory file could not grow, which in practice means a full disk.
        boolean full = code == 4874 || detail != null && detail.contains("SQLITE_IOERR_SHMSIZE");
        String message = switch (full ? 13 : code & 0xff) { // the primary result code; extended ones add bits above 0xff
            case 13 -> "the disk holding the embedding store at " + file + " is full (" + detail
                    + "); free some space and try again: nothing stored earlier was lost";
            case 11, 26 -> "the embedding store at " + file + " is damaged: " + detail
                    + "; move it aside to start afresh";
            case 14 -> "cannot open the embedding store at " + file + ": " + detail;
            case 8 -> "the embedding store at " + file + " is read-only: " + detail;
            case 5, 6 -> "the embedding store at " + file + " is busy (another Pinwall may be writing to it); "
                    + "try again: " + detail;
            case 10 -> "could not " + doing + " the embedding store at " + file + " (input/output error: " + detail
                    + "); check the disk";
            default -> "could not " + doing + " the embedding store at " + file + ": " + detail;
        };
        return new StoreException(message, e);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The transaction is gone either way; the original error is what the user needs to see.
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing useful can be done about a failed close.
            }
        }
    }
}
