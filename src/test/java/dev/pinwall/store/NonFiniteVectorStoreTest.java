package dev.pinwall.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's last guard: a batch with a NaN or infinite vector is refused whole. */
class NonFiniteVectorStoreTest {
    @TempDir
    Path dir;

    @Test
    void refusesNonFiniteVectorsAndKeepsNothingOfTheBatch() throws Exception {
        try (EmbeddingStore store = EmbeddingStore.open(dir.resolve("store.db"))) {
            for (float bad : new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                assertThatThrownBy(() -> store.putAll("m@p1", Map.of("good", new float[]{1, 2}, "bad",
                        new float[]{1, bad}), Map.of()))
                        .isInstanceOf(StoreException.class).hasMessageContaining("NaN or infinity");
            }
            assertThat(store.count("m@p1")).isZero();
            assertThat(store.vectors("m@p1", List.of("good", "bad"))).isEmpty();
        }
    }
}
