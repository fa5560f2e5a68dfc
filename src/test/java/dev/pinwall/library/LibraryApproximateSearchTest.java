package dev.pinwall.library;

import dev.pinwall.similarity.SimilarityMode;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import dev.pinwall.testing.MeanColourEmbedder;
import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Above its size threshold the library answers plain queries with a search graph kept beside the store. */
class LibraryApproximateSearchTest {
    @TempDir
    Path dir;

    private Path folder;
    private EmbeddingStore store;

    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("photos");
        Random random = new Random(5);
        for (int i = 0; i < 60; i++) {
            TestImages.solid(folder.resolve(i + ".png"),
                    new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        }
        store = EmbeddingStore.open(dir.resolve("store.db"));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Library open(int approximateFrom) throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.setApproximateSearchFrom(approximateFrom);
        library.setSimilarityMode(SimilarityMode.PLAIN);
        library.index(IndexListener.NONE, Cancellation.none());
        return library;
    }

    private static List<String> related(Library library, Photo photo, RelatedQuery query) {
        return library.related(photo, query).orElseThrow().stream()
                .map(m -> m.photo().name() + " " + m.score()).toList();
    }

    private Path graphs() {
        return store.localFolder().resolve("search-graphs");
    }

    @Test
    void aLargeCollectionSearchesItsGraphWithTheExactAnswersAndFilters() throws Exception {
        Library exact = open(Integer.MAX_VALUE);
        assertThat(exact.usesApproximateSearch()).isFalse();
        assertThat(graphs()).doesNotExist();

        Library graph = open(50);
        assertThat(graph.usesApproximateSearch()).isTrue();
        try (var files = Files.list(graphs())) {
            assertThat(files.toList()).hasSize(1);
        }
        RelatedQuery evens = RelatedQuery.top(5).withFilter(p -> p.name().matches("\\d*[02468]\\.png"));
        for (Photo photo : graph.photos().subList(0, 20)) {
            // Same photos and the same float scores as the exact scan.
            assertThat(related(graph, photo, RelatedQuery.top(8))).isEqualTo(related(exact, photo, RelatedQuery.top(8)));
            List<String> filtered = related(graph, photo, evens);
            assertThat(filtered).hasSize(5).isEqualTo(related(exact, photo, evens));
            assertThat(filtered).allMatch(line -> line.matches("\\d*[02468]\\.png .*"));
        }
    }

    @Test
    void theSavedGraphIsReusedAndGrowsWithTheCollection() throws Exception {
        open(50);
        Path file;
        try (var files = Files.list(graphs())) {
            file = files.findFirst().orElseThrow();
        }
        FileTime written = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, written);

        // Reopened unchanged: loaded, not rewritten.
        Library again = open(50);
        assertThat(again.usesApproximateSearch()).isTrue();
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);

        // New photos: inserted into the graph, which is saved again, and found by queries.
        TestImages.solid(folder.resolve("100.png"), new Color(1, 2, 3));
        TestImages.solid(folder.resolve("101.png"), new Color(2, 3, 4));
        Library grown = open(50);
        assertThat(Files.getLastModifiedTime(file)).isNotEqualTo(written);
        Photo added = grown.photo(folder.resolve("100.png").toAbsolutePath().normalize()).orElseThrow();
        assertThat(grown.related(added, RelatedQuery.top(1)).orElseThrow().get(0).photo().name()).isEqualTo("101.png");
        Library exact = open(Integer.MAX_VALUE);
        assertThat(related(grown, added, RelatedQuery.top(10))).isEqualTo(related(exact, added, RelatedQuery.top(10)));
    }
}
