package dev.pinwall.ui;

import dev.pinwall.library.IndexListener;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import dev.pinwall.task.ScriptedTaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The Related panel's states and history, each step held by the scripted executor. */
class RelatedViewModelTest {
    @TempDir
    Path dir;
    private final ScriptedTaskExecutor tasks = new ScriptedTaskExecutor();
    private final ObservableMap<Path, String> failures = FXCollections.observableHashMap();
    private EmbeddingStore store;
    private Library library;
    private RelatedViewModel related;

    @BeforeEach
    void setUp() throws Exception {
        store = TestStores.open(dir);
        Path folder = TestPhotos.colourFolder(dir.resolve("photos"));
        Files.writeString(folder.resolve("styles.csv"), """
                id,gender,masterCategory,subCategory,articleType,baseColour,season,year,usage,productDisplayName
                1,Men,Apparel,Topwear,Tshirts,Red,Summer,2012,Casual,Red tee
                2,Women,Apparel,Topwear,Tshirts,Red,Summer,2012,Casual,Red top
                3,Men,Footwear,Shoes,Casual Shoes,Red,Fall,2011,Casual,Red shoes
                4,Men,Apparel,Topwear,Tshirts,,Summer,2012,Casual,Green tee
                5,Men,Footwear,Shoes,Casual Shoes,Green,Fall,2011,Casual,Green shoes
                """);
        library = Library.open(folder, ColourEmbedder.fast(), store);
        related = new RelatedViewModel(tasks, failures, 4);
    }

    @AfterEach
    void tearDown() {
        library.close();
        store.close();
    }

    private void embed() throws Exception {
        library.index(IndexListener.NONE, Cancellation.none());
    }

    private Photo photo(String name) {
        return library.photos().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private void withLibrary() {
        related.setLibrary(library);
        tasks.runAll();
    }

    @Test
    void beforeAnyPinThePanelInvitesAClick() {
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.EMPTY);
        assertThat(related.getMessage()).isEqualTo("Click a photo to see related ones");
        related.refresh();
        assertThat(tasks.pending()).as("nothing pinned: nothing to ask").isEmpty();
    }

    @Test
    void aPinWithoutALibraryWaitsForTheCollection() throws Exception {
        embed();
        related.show(photo("1.png"));
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.SEARCHING);
        assertThat(related.getMessage()).isEqualTo("Opening the collection…");
        assertThat(related.getMatches()).isEmpty();
        assertThat(tasks.pending()).isEmpty();

        related.setLibrary(library);
        tasks.runAll();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.READY);
        assertThat(related.getMessage()).isEqualTo("4 related");
        assertThat(related.getMatches()).hasSize(4);
    }

    @Test
    void searchingIsShownUntilTheAnswerArrives() throws Exception {
        embed();
        withLibrary();
        related.show(photo("1.png"));
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.SEARCHING);
        assertThat(related.getMessage()).isEqualTo("Finding related photos…");
        assertThat(related.pinProperty().get()).isEqualTo(photo("1.png"));
        tasks.runAll();
        assertThat(related.stateProperty().get()).isEqualTo(RelatedViewModel.State.READY);
        assertThat(related.messageProperty().get()).isEqualTo("4 related");
    }

    @Test
    void aPhotoNotEmbeddedYetFillsInWhenItsVectorArrives() throws Exception {
        withLibrary();
        related.show(photo("1.png"));
        tasks.runAll();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.NOT_EMBEDDED);
        assertThat(related.getMessage()).isEqualTo(RelatedViewModel.NOT_EMBEDDED_MESSAGE);

        related.photoEmbedded(photo("2.png"));
        assertThat(tasks.pending()).as("another photo's vector changes nothing").isEmpty();
        embed();
        related.photoEmbedded(photo("1.png"));
        tasks.runAll();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.READY);

        related.photoEmbedded(photo("1.png"));
        assertThat(tasks.pending()).as("already shown: no new query").isEmpty();
    }

    @Test
    void aPhotoThatCannotBeEmbeddedSaysWhy() {
        withLibrary();
        related.show(photo("1.png"));
        tasks.runAll();
        related.photoFailed(photo("2.png"), "another photo");
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.NOT_EMBEDDED);

        related.photoFailed(photo("1.png"), "unreadable JPEG");
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.FAILED);
        assertThat(related.getMessage()).isEqualTo("Cannot compare this photo: unreadable JPEG");
        assertThat(related.getMatches()).isEmpty();

        related.photoFailed(photo("1.png"), "again");
        assertThat(related.getMessage()).as("only a waiting panel changes").endsWith("unreadable JPEG");
    }

    @Test
    void aPinKnownToHaveFailedIsNotQueried() throws Exception {
        embed();
        withLibrary();
        failures.put(photo("3.png").path(), "truncated file");
        related.show(photo("3.png"));
        assertThat(tasks.pending()).isEmpty();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.FAILED);
        assertThat(related.getMessage()).isEqualTo("Cannot compare this photo: truncated file");
    }

    @Test
    void clickingThePinAgainAsksAgain() throws Exception {
        embed();
        withLibrary();
        related.show(photo("1.png"));
        tasks.runAll();
        related.show(photo("1.png"));
        assertThat(tasks.pending()).hasSize(1);
        assertThat(related.canGoBackProperty().get()).as("the same pin is not history").isFalse();
    }

    @Test
    void anOutsideImageIsQueriedWithoutBeingPinnedAndGoesIntoTheHistory() throws Exception {
        embed();
        withLibrary();
        related.show(photo("1.png"));
        related.show(photo("5.png"));
        related.back();
        assertThat(related.canGoForwardProperty().get()).isTrue();
        Path navy = TestPhotos.solid(dir.resolve("elsewhere"), "navy.png", 10, 10, 240);

        related.showSimilarTo(navy);
        assertThat(related.getPin()).isNull();
        assertThat(related.outsideImageProperty().get()).isEqualTo(navy);
        assertThat(related.canGoBackProperty().get()).isTrue();
        assertThat(related.canGoForwardProperty().get()).as("a new query ends the forward history").isFalse();
        assertThat(related.facetsAvailableBinding().get()).isFalse();
        tasks.runAll();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.READY);
        assertThat(related.getMessage()).isEqualTo("Like navy.png (not added)");
        assertThat(related.getMatches().get(0).photo().name()).isIn("7.png", "8.png");

        related.back();
        assertThat(related.getPin()).isEqualTo(photo("1.png"));
        assertThat(related.outsideImageProperty().get()).isNull();
        assertThat(related.canGoForwardProperty().get()).as("the outside image is not kept for Forward").isFalse();
        related.forward();
        assertThat(related.getPin()).isEqualTo(photo("1.png"));
    }

    @Test
    void anOutsideImageThatCannotBeReadFails() {
        withLibrary();
        related.showSimilarTo(dir.resolve("missing.png"));
        tasks.runAll();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.FAILED);
        assertThat(related.getMessage()).startsWith("Cannot find related photos: ");
        assertThat(related.getMatches()).isEmpty();
    }

    @Test
    void backAndForwardAtTheEndsDoNothing() throws Exception {
        embed();
        withLibrary();
        related.back();
        related.forward();
        assertThat(related.getPin()).isNull();
        related.show(photo("1.png"));
        related.forward();
        assertThat(related.getPin()).isEqualTo(photo("1.png"));
        related.show(photo("2.png"));
        related.back();
        related.back();
        assertThat(related.getPin()).isEqualTo(photo("1.png"));
        related.forward();
        assertThat(related.getPin()).isEqualTo(photo("2.png"));
        assertThat(related.canGoForwardProperty().get()).isFalse();
        assertThat(related.canGoBackProperty().get()).isTrue();
    }

    @Test
    void clearForgetsEverything() throws Exception {
        embed();
        withLibrary();
        related.show(photo("1.png"));
        related.show(photo("2.png"));
        related.back();
        tasks.runAll();

        related.clear();

        assertThat(related.getPin()).isNull();
        assertThat(related.outsideImageProperty().get()).isNull();
        assertThat(related.getMatches()).isEmpty();
        assertThat(related.canGoBackProperty().get()).isFalse();
        assertThat(related.canGoForwardProperty().get()).isFalse();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.EMPTY);
        assertThat(related.getMessage()).isEqualTo("Click a photo to see related ones");
        related.back();
        assertThat(related.getPin()).as("no history left").isNull();
    }

    @Test
    void eachFacetNarrowsOnItsOwnAndAnEmptyResultSaysWhy() throws Exception {
        embed();
        withLibrary();
        related.show(photo("1.png"));
        tasks.runAll();
        assertThat(related.facetsAvailableBinding().get()).isTrue();

        related.sameColourProperty().set(true);
        tasks.runAll();
        assertThat(related.getMatches()).extracting(m -> m.photo().name()).containsExactlyInAnyOrder("2.png", "3.png");
        related.sameColourProperty().set(false);
        related.sameGenderProperty().set(true);
        tasks.runAll();
        assertThat(related.getMatches()).extracting(m -> m.photo().name()).containsExactlyInAnyOrder("3.png", "4.png",
                "5.png");
        related.sameTypeProperty().set(true);
        tasks.runAll();
        assertThat(related.getMatches()).extracting(m -> m.photo().name()).containsExactly("4.png");
        related.sameColourProperty().set(true);
        tasks.runAll();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.NOTHING_FOUND);
        assertThat(related.getMessage()).isEqualTo("Nothing related matches these filters");
    }

    @Test
    void aFacetThePinHasNoLabelForNarrowsNothing() throws Exception {
        embed();
        withLibrary();
        related.show(photo("4.png")); // no colour label
        related.sameColourProperty().set(true);
        tasks.runAll();
        assertThat(related.getMatches()).hasSize(4);
        related.show(photo("7.png")); // no labels at all
        assertThat(related.facetsAvailableBinding().get()).isFalse();
        tasks.runAll();
        assertThat(related.getMatches()).as("a facet cannot narrow a pin without labels").hasSize(4);
    }

    @Test
    void withNothingElseEmbeddedThereIsNothingRelatedYet() throws Exception {
        Path alone = dir.resolve("alone");
        TestPhotos.solid(alone, "only.png", 100, 100, 100);
        Library single = Library.open(alone, ColourEmbedder.fast(), store);
        single.index(IndexListener.NONE, Cancellation.none());
        related.setLibrary(single);
        tasks.runAll();
        related.show(single.photos().get(0));
        tasks.runAll();
        assertThat(related.getState()).isEqualTo(RelatedViewModel.State.NOTHING_FOUND);
        assertThat(related.getMessage()).isEqualTo("No related photos yet");
        single.close();
    }

    @Test
    void theSimilarityNoteSaysWhyTheCollectionRankingWaits() throws Exception {
        embed();
        withLibrary();
        assertThat(related.similarityNoteProperty().get()).isEqualTo("Plain for now: fewer than 100 photos");
        related.similarityProperty().set(dev.pinwall.similarity.SimilarityMode.PLAIN);
        tasks.runAll();
        assertThat(related.similarityNoteProperty().get()).isEmpty();
        related.similarityProperty().set(null);
        tasks.runAll();
        assertThat(library.similarityMode()).as("no choice is the default")
                .isEqualTo(dev.pinwall.similarity.SimilarityMode.COLLECTION);
    }

    @Test
    void errorsAreDescribedByTheirMessageOrTheirKind() {
        assertThat(RelatedViewModel.describe(new IllegalStateException("disk full"))).isEqualTo("disk full");
        assertThat(RelatedViewModel.describe(new IllegalStateException(" "))).isEqualTo("IllegalStateException");
        assertThat(RelatedViewModel.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
