package dev.pinwall.store;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** SQLite's codes for a full disk read as "disk full", with the store's path, not as a raw I/O error. */
class StoreErrorTranslationTest {
    private final Path db = Path.of("/data/store.db");

    @Test
    void sharedMemoryThatCannotGrowIsADiskFull() {
        SQLiteException shm = new SQLiteException("[SQLITE_IOERR_SHMSIZE] disk I/O error",
                SQLiteErrorCode.SQLITE_IOERR_SHMSIZE);
        assertThat(EmbeddingStore.translate(db, "open", shm))
                .hasMessageStartingWith("the disk holding the embedding store at /data/store.db is full")
                .hasMessageContaining("free some space");
    }

    @Test
    void extendedCodeWithoutSqliteExceptionIsADiskFullToo() {
        java.sql.SQLException plain = new java.sql.SQLException("disk I/O error", "HY000", 4874);
        assertThat(EmbeddingStore.translate(db, "open", plain).getMessage()).contains("/data/store.db is full");
        java.sql.SQLException full = new java.sql.SQLException("database or disk is full", "HY000", 13);
        assertThat(EmbeddingStore.translate(db, "write to", full).getMessage()).contains("/data/store.db is full");
    }

    @Test
    void otherInputOutputErrorsStayInputOutputErrors() {
        SQLiteException read = new SQLiteException("[SQLITE_IOERR_READ] disk I/O error", SQLiteErrorCode.SQLITE_IOERR_READ);
        assertThat(EmbeddingStore.translate(db, "read", read).getMessage())
                .contains("input/output error").doesNotContain("is full");
    }
}
