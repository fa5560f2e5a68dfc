package dev.pinwall.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FittedStateStoreTest {
    @TempDir
    Path dir;

    @Test
    void savesTheMeanAndListsPerCollectionAndModelAndSurvivesAReopen() throws Exception {
        Path file = dir.resolve("store.db");
        try (EmbeddingStore store = EmbeddingStore.open(file)) {
            FittedStateStore states = store.fittedStates();
            assertThat(states.load("/photos", "m@p1")).isEmpty();
            states.save("/photos", "m@p1", new float[] {0.5f, -1f}, 7, Map.of("a", List.of("b", "c"), "b", List.of()));
            states.save("/photos", "m@p1", null, 0, Map.of("c", List.of("a")));
            states.save("/other", "m@p1", new float[] {9f, 9f}, 1, Map.of("a", List.of("z")));
        }
        try (EmbeddingStore store = EmbeddingStore.open(file)) {
            FittedState state = store.fittedStates().load("/photos", "m@p1").orElseThrow();
            assertThat(state.mean()).containsExactly(0.5f, -1f);
            assertThat(state.meanRows()).isEqualTo(7);
            assertThat(state.neighbours()).containsOnly(Map.entry("a", List.of("b", "c")), Map.entry("b", List.of()),
                    Map.entry("c", List.of("a")));
            assertThat(store.fittedStates().load("/photos", "other@p1")).isEmpty();
        }
    }
}
