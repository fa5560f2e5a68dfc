package dev.pinwall.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Salvaging a store SQLite called damaged (the marker a failed read leaves): every valid vector and failure is copied
 * into the new store, in batches, and the counts say exactly what was kept and what was not.
 */
class StoreSalvageTest {
    @TempDir
    Path dir;

    private Path db;

    private static float[] vector(int i, int dimension) {
        float[] v = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            v[j] = i + j / 10f;
        }
        return v;
    }

    /** 1,203 vectors of one model (more than two salvage batches), 3 of another, and two failures. */
    private Map<String, float[]> fill() throws Exception {
        db = dir.resolve("store.db");
        Map<String, float[]> big = new HashMap<>();
        for (int i = 0; i < 1203; i++) {
            big.put("h" + i, vector(i, 4));
        }
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            store.putAll("a@p1", big, Map.of("broken1", "not an image"));
            store.putAll("b@p1", Map.of("x", vector(1, 2), "y", vector(2, 2), "z", vector(3, 2)),
                    Map.of("broken2", "truncated"));
        }
        return big;
    }

    private void markDamaged() throws Exception {
        Files.writeString(EmbeddingStore.salvageMarker(db), "SQLITE_CORRUPT\n");
    }

    @Test
    void everyVectorAndFailureIsCopiedAndCounted() throws Exception {
        Map<String, float[]> big = fill();
        markDamaged();

        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            VectorStore.Salvage salvage = store.salvage().orElseThrow();
            assertThat(salvage.salvaged()).isEqualTo(1206);
            assertThat(salvage.unreadable()).isZero();
            assertThat(salvage.keptAs()).exists().hasFileName("store.db.damaged-" + salvage.keptAs().getFileName()
                    .toString().substring("store.db.damaged-".length()));
            assertThat(salvage.message()).contains("salvaged 1206 vectors").doesNotContain("unreadable");
            Map<String, float[]> read = store.vectors("a@p1", big.keySet());
            assertThat(read).hasSize(1203);
            big.forEach((hash, v) -> assertThat(read.get(hash)).containsExactly(v));
            assertThat(store.vectors("b@p1", List.of("x", "y", "z"))).hasSize(3);
            assertThat(store.dimension("b@p1")).contains(2);
            assertThat(store.failures("a@p1", List.of("broken1", "h1"))).containsExactly(Map.entry("broken1",
                    "not an image"));
            assertThat(store.failures("b@p1", List.of("broken2"))).containsEntry("broken2", "truncated");
        }
        assertThat(EmbeddingStore.salvageMarker(db)).doesNotExist();
    }

    @Test
    void invalidRowsAreCountedAsUnreadableAndNotCopied() throws Exception {
        fill();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE vectors SET vector = ? WHERE store_key = 'a@p1' AND hash IN ('h5', 'h700')")) {
            update.setBytes(1, EmbeddingStore.encode(new float[]{1f, 2f, 3f})); // wrong length and checksum
            assertThat(update.executeUpdate()).isEqualTo(2);
        }
        markDamaged();

        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            VectorStore.Salvage salvage = store.salvage().orElseThrow();
            assertThat(salvage.salvaged()).isEqualTo(1204);
            assertThat(salvage.unreadable()).isEqualTo(2);
            assertThat(salvage.message()).contains("(2 rows unreadable or invalid; they will be recomputed)");
            assertThat(store.vectors("a@p1", List.of("h4", "h5", "h6", "h700"))).containsOnlyKeys("h4", "h6");
        }
    }

    @Test
    void aKeptFileNeverReplacesAnEarlierOne() throws Exception {
        fill();
        // whatever second the salvage happens in, its plain name is taken already
        List<Path> taken = new ArrayList<>();
        LocalDateTime now = LocalDateTime.now();
        for (int s = 0; s < 30; s++) {
            String stamp = now.plusSeconds(s).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            taken.add(Files.writeString(dir.resolve("store.db.damaged-" + stamp), "earlier"));
        }
        markDamaged();

        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            Path kept = store.salvage().orElseThrow().keptAs();
            assertThat(kept.getFileName().toString()).matches("store\\.db\\.damaged-\\d{8}-\\d{6}-2");
        }
        for (Path earlier : taken) {
            assertThat(earlier).hasContent("earlier");
        }
    }

    @Test
    void aHealthyStoreIsNotSalvaged() throws Exception {
        fill();
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            assertThat(store.salvage()).isEmpty();
            assertThat(store.count("a@p1")).isEqualTo(1203);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("damaged"));
        }
    }
}
