package dev.pinwall.library;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryTest {
    @TempDir
    Path dir;

    private Path folder;
    private EmbeddingStore store;

    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("photos");
        TestImages.solid(folder.resolve("1.png"), new Color(220, 20, 20));   // red
        TestImages.solid(folder.resolve("2.png"), new Color(200, 40, 30));   // red
        TestImages.solid(folder.resolve("10.png"), new Color(20, 20, 220));  // blue
        TestImages.solid(folder.resolve("11.jpg"), new Color(30, 50, 200));  // blue
        TestImages.solid(folder.resolve("3.bmp"), new Color(20, 200, 20));   // green
        store = EmbeddingStore.open(dir.resolve("store.db"));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static List<String> names(List<Match> matches) {
        return matches.stream().map(m -> m.photo().name()).toList();
    }

    @Test
    void listsPhotosInNumericOrderBeforeAnythingIsEmbedded() throws Exception {
        MeanColourEmbedder embedder = new MeanColourEmbedder();
        Library library = Library.open(folder, embedder, store);
        assertThat(library.photos()).extracting(Photo::name).containsExactly("1.png", "2.png", "3.bmp", "10.png", "11.jpg");
        assertThat(embedder.embeddedCount()).isZero();
        assertThat(library.related(library.photos().get(0), RelatedQuery.top(3))).isEmpty();
    }

    @Test
    void aFolderScannedBeforeTheModelIsLoadedOpensLikeTheFolderItself() throws Exception {
        Library.Scanned scanned = Library.scan(folder);
        Files.delete(folder.resolve("3.bmp")); // the listing is what was read then, not what is there now
        MeanColourEmbedder embedder = new MeanColourEmbedder();
        Library library = Library.open(scanned, embedder, store, dev.pinwall.embed.PipelineSettings.defaults());
        assertThat(library.folder()).isEqualTo(folder.toAbsolutePath().normalize());
        assertThat(library.photos()).extracting(Photo::name).containsExactly("1.png", "2.png", "3.bmp", "10.png", "11.jpg");
        assertThat(embedder.embeddedCount()).isZero();
        IndexReport report = library.index(IndexListener.NONE, Cancellation.none());
        assertThat(report.indexed()).isEqualTo(4);
        assertThat(report.failed()).containsOnlyKeys(folder.resolve("3.bmp").toAbsolutePath().normalize());
    }

    @Test
    void relatedReturnsNearestFirstWithoutItself() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        IndexReport report = library.index(IndexListener.NONE, Cancellation.none());
        assertThat(report.indexed()).isEqualTo(5);
        assertThat(report.added()).isEqualTo(5);
        Photo red = library.photo(folder.resolve("1.png")).orElseThrow();
        List<Match> matches = library.related(red, RelatedQuery.top(4)).orElseThrow();
        assertThat(names(matches)).hasSize(4).doesNotContain("1.png");
        assertThat(names(matches).get(0)).isEqualTo("2.png");
        assertThat(matches.get(0).score()).isGreaterThan(0.95f);
        assertThat(matches).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
    }

    @Test
    void secondRunComputesNothingAndRenamedFilesKeepTheirVectors() throws Exception {
        MeanColourEmbedder first = new MeanColourEmbedder();
        Library.open(folder, first, store).index(IndexListener.NONE, Cancellation.none());
        assertThat(first.embeddedCount()).isEqualTo(5);

        Files.move(folder.resolve("2.png"), folder.resolve("22.png"));
        MeanColourEmbedder second = new MeanColourEmbedder();
        IndexReport report = Library.open(folder, second, store).index(IndexListener.NONE, Cancellation.none());
        assertThat(second.embeddedCount()).isZero();
        assertThat(report.added()).isZero();
        assertThat(report.cached()).isEqualTo(5);
        assertThat(report.summaryLine()).isEqualTo("indexed 5 new 0 cached 5 duplicates 0 failed 0 images_per_s 0.0");
    }

    @Test
    void summaryCountsEachImageOnceAndDuplicatesApart() throws Exception {
        Files.copy(folder.resolve("1.png"), folder.resolve("1 copy.png"));
        Files.copy(folder.resolve("1.png"), folder.resolve("1 again.png"));
        IndexReport first = Library.open(folder, new MeanColourEmbedder(), store).index(IndexListener.NONE, Cancellation.none());
        assertThat(first.added()).isEqualTo(5);
        assertThat(first.duplicates()).isEqualTo(2);
        assertThat(first.cached()).isZero();
        assertThat(first.images()).isEqualTo(7);

        IndexReport second = Library.open(folder, new MeanColourEmbedder(), store).index(IndexListener.NONE, Cancellation.none());
        assertThat(second.summaryLine()).isEqualTo("indexed 7 new 0 cached 5 duplicates 2 failed 0 images_per_s 0.0");
    }

    @Test
    void changedFileIsRecomputed() throws Exception {
        Library.open(folder, new MeanColourEmbedder(), store).index(IndexListener.NONE, Cancellation.none());
        Path changed = TestImages.solid(folder.resolve("1.png"), new Color(20, 20, 230)); // now blue
        Files.setLastModifiedTime(changed, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        MeanColourEmbedder embedder = new MeanColourEmbedder();
        Library library = Library.open(folder, embedder, store);
        IndexReport report = library.index(IndexListener.NONE, Cancellation.none());
        assertThat(embedder.embeddedCount()).isEqualTo(1);
        assertThat(report.added()).isEqualTo(1);
        Photo nowBlue = library.photo(changed).orElseThrow();
        assertThat(names(library.related(nowBlue, RelatedQuery.top(1)).orElseThrow())).containsExactly("10.png");
    }

    @Test
    void switchingModelsKeepsBothSets() throws Exception {
        MeanColourEmbedder a = new MeanColourEmbedder("model-a");
        MeanColourEmbedder b = new MeanColourEmbedder("model-b");
        Library.open(folder, a, store).index(IndexListener.NONE, Cancellation.none());
        Library.open(folder, b, store).index(IndexListener.NONE, Cancellation.none());
        MeanColourEmbedder aAgain = new MeanColourEmbedder("model-a");
        IndexReport report = Library.open(folder, aAgain, store).index(IndexListener.NONE, Cancellation.none());
        assertThat(b.embeddedCount()).isEqualTo(5);
        assertThat(aAgain.embeddedCount()).isZero();
        assertThat(report.cached()).isEqualTo(5);
    }

    @Test
    void corruptFileIsReportedOnceAndNotRetried() throws Exception {
        TestImages.corrupt(folder.resolve("4.jpg"));
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        IndexListener listener = new IndexListener() {
            @Override
            public void onFailed(Photo photo, String reason) {
                failures.add(photo.name() + ": " + reason);
            }
        };
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        IndexReport report = library.index(listener, Cancellation.none());
        assertThat(report.indexed()).isEqualTo(5);
        assertThat(report.failed()).containsOnlyKeys(folder.resolve("4.jpg").toAbsolutePath());
        assertThat(failures).hasSize(1).allSatisfy(f -> assertThat(f).startsWith("4.jpg: ").hasSizeGreaterThan(10));
        assertThat(library.failure(library.photo(folder.resolve("4.jpg")).orElseThrow())).isPresent();

        // A second run of the same library does nothing; a new start reports it from the store without decoding.
        assertThat(library.index(listener, Cancellation.none()).added()).isZero();
        MeanColourEmbedder again = new MeanColourEmbedder();
        IndexReport second = Library.open(folder, again, store).index(IndexListener.NONE, Cancellation.none());
        assertThat(second.failed()).hasSize(1);
        assertThat(again.embeddedCount()).isZero();
        assertThat(failures).hasSize(1);
    }

    @Test
    void cancelledRunKeepsWhatItComputedAndTheNextRunFinishes() throws Exception {
        for (int i = 20; i < 60; i++) {
            TestImages.solid(folder.resolve(i + ".png"), new Color(i * 4, 100, 255 - i * 4));
        }
        MeanColourEmbedder slow = new MeanColourEmbedder().slowedTo(20);
        Library library = Library.open(folder, slow, store);
        Cancellation cancellation = new Cancellation();
        IndexReport report = library.index(new IndexListener() {
            @Override
            public void onProgress(IndexProgress progress) {
                if (progress.done() >= 8) {
                    cancellation.cancel();
                }
            }
        }, cancellation);
        assertThat(report.cancelled()).isTrue();
        assertThat(report.indexed()).isBetween(8, 44);
        int storedAfterCancel = store.count(slow.info().storeKey());
        assertThat(storedAfterCancel).isEqualTo(report.indexed());

        MeanColourEmbedder rest = new MeanColourEmbedder();
        IndexReport finish = Library.open(folder, rest, store).index(IndexListener.NONE, Cancellation.none());
        assertThat(finish.indexed()).isEqualTo(45);
        assertThat(rest.embeddedCount()).isEqualTo(45 - storedAfterCancel);
    }

    @Test
    void addTakesImagesAndFoldersAndRejectsTheRest() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        Path outside = dir.resolve("dropped");
        Path yellow = TestImages.solid(outside.resolve("yellow.png"), Color.YELLOW);
        TestImages.solid(outside.resolve("more/orange.gif"), Color.ORANGE);
        Path text = Files.writeString(outside.resolve("notes.txt"), "hello");

        Library.AddResult result = library.add(List.of(yellow, outside.resolve("more"), text,
                folder.resolve("1.png"), dir.resolve("missing.png")));
        assertThat(result.added()).extracting(Photo::name).containsExactly("yellow.png", "orange.gif");
        assertThat(result.rejected()).containsOnlyKeys(text.toAbsolutePath(), folder.resolve("1.png").toAbsolutePath(),
                dir.resolve("missing.png").toAbsolutePath());
        assertThat(library.photos()).hasSize(7);

        library.index(IndexListener.NONE, Cancellation.none());
        assertThat(library.isEmbedded(result.added().get(0))).isTrue();
        assertThat(names(library.related(result.added().get(1), RelatedQuery.top(1)).orElseThrow())).containsExactly("yellow.png");
    }

    @Test
    void similarToQueriesWithAnOutsideImageAndFilters() throws Exception {
        Library library = Library.open(folder, new MeanColourEmbedder(), store);
        library.index(IndexListener.NONE, Cancellation.none());
        Path query = TestImages.solid(dir.resolve("query.png"), new Color(25, 30, 210));
        assertThat(names(library.similarTo(query, RelatedQuery.top(2)))).containsExactly("10.png", "11.jpg");
        RelatedQuery onlyPng = RelatedQuery.top(2).withFilter(p -> p.name().endsWith(".png"));
        List<String> pngs = names(library.similarTo(query, onlyPng));
        assertThat(pngs).hasSize(2).allSatisfy(n -> assertThat(n).endsWith(".png"));
        assertThat(pngs.get(0)).isEqualTo("10.png");
        Optional<List<Match>> strong = library.related(library.photos().get(0), RelatedQuery.top(5).withMinScore(0.9f));
        assertThat(names(strong.orElseThrow())).containsExactly("2.png");
    }
}
