package dev.pinwall.scan;

import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileHasherTest {

    private static final String MODEL = "model@p1";

    @TempDir
    Path dir;

    private EmbeddingStore store;

    @BeforeEach
    void openStore() throws Exception {
        store = EmbeddingStore.open(dir.resolve("store/store.db"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void hashesNewFilesAndReusesRememberedHashesForUnchangedOnes() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(write("photos/" + i + ".jpg", "content " + i));
        }
        FileHasher hasher = new FileHasher(store, 2);

        FileHasher.Result first = hasher.hash(files, Cancellation.none());
        assertThat(first.computed()).isEqualTo(12);
        assertThat(first.cached()).isZero();
        assertThat(first.hashes().keySet()).containsExactlyElementsOf(files);
        assertThat(first.hashes().get(files.get(3))).isEqualTo(ContentHash.of(files.get(3)));

        FileHasher.Result second = new FileHasher(store, 1).hash(files, Cancellation.none());
        assertThat(second.cached()).isEqualTo(12);
        assertThat(second.computed()).isZero();
        assertThat(second.hashes()).isEqualTo(first.hashes());
    }

    @Test
    void movedFileReusesItsVector() throws Exception {
        Path original = write("photos/15970.jpg", "the same pixels");
        FileHasher hasher = new FileHasher(store);
        String hash = hasher.hash(List.of(original), Cancellation.none()).hashes().get(original);
        float[] vector = {0.25f, -1f, 3f};
        store.putAll(MODEL, Map.of(hash, vector), Map.of());

        Path moved = dir.resolve("elsewhere/renamed.jpg");
        Files.createDirectories(moved.getParent());
        Files.move(original, moved);

        FileHasher.Result result = hasher.hash(List.of(moved), Cancellation.none());
        assertThat(result.computed()).isEqualTo(1);
        String movedHash = result.hashes().get(moved);
        assertThat(movedHash).isEqualTo(hash);
        assertThat(store.vectors(MODEL, List.of(movedHash)).get(movedHash)).containsExactly(vector);
    }

    @Test
    void changedFileAtSamePathGetsNewHash() throws Exception {
        Path file = write("a.jpg", "version one");
        FileHasher hasher = new FileHasher(store);
        String before = hasher.hash(List.of(file), Cancellation.none()).hashes().get(file);
        store.putAll(MODEL, Map.of(before, new float[]{1f}), Map.of());

        Files.writeString(file, "version two, longer");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        FileHasher.Result result = hasher.hash(List.of(file), Cancellation.none());

        assertThat(result.computed()).isEqualTo(1);
        assertThat(result.hashes().get(file)).isNotEqualTo(before).isEqualTo(ContentHash.of(file));
        assertThat(store.vectors(MODEL, List.of(result.hashes().get(file)))).isEmpty();
    }

    @Test
    void reportsVanishedAndNonFilesPerFileWithoutThrowing() throws Exception {
        Path good = write("good.jpg", "ok");
        Path gone = dir.resolve("gone.jpg");
        Path folder = Files.createDirectories(dir.resolve("folder.jpg"));

        FileHasher.Result result = new FileHasher(store).hash(List.of(gone, good, folder), Cancellation.none());

        assertThat(result.hashes()).containsOnlyKeys(good);
        assertThat(result.failures()).containsOnlyKeys(gone, folder);
        assertThat(result.failures().get(gone)).contains("not found");
        assertThat(result.failures().get(folder)).isEqualTo("not a file");
    }

    @Test
    void cancellationStopsEarlyAndKeepsWhatWasHashed() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            files.add(write(i + ".jpg", "file " + i));
        }
        Cancellation cancellation = new Cancellation();
        List<Integer> updates = new ArrayList<>();
        FileHasher.Result result = new FileHasher(store, 1).hash(files, cancellation, (done, total) -> {
            updates.add(done);
            if (done == 5) {
                cancellation.cancel();
            }
        });

        assertThat(result.cancelled()).isTrue();
        assertThat(result.computed()).isBetween(5, 49);
        assertThat(updates).startsWith(1, 2, 3, 4, 5);
        // What was hashed before the cancel was remembered.
        FileHasher.Result again = new FileHasher(store, 1).hash(files, Cancellation.none());
        assertThat(again.cached()).isEqualTo(result.computed());
        assertThat(again.cancelled()).isFalse();
        assertThat(again.hashes()).hasSize(50);
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void aRunServedWhollyFromTheStoreStillReportsItsProgress() throws Exception {
        List<Path> files = List.of(write("a.jpg", "a"), write("b.jpg", "b"), write("c.jpg", "c"));
        new FileHasher(store, 1).hash(files, Cancellation.none());

        List<String> updates = new ArrayList<>();
        FileHasher.Result again = new FileHasher(store, 1).hash(files, Cancellation.none(),
                (done, total) -> updates.add(done + "/" + total));

        assertThat(again.cached()).isEqualTo(3);
        assertThat(updates).containsExactly("3/3");
    }

    @Test
    void failureReasonsNameTheCauseAUserCanAct() {
        assertThat(FileHasher.reason(new java.nio.file.NoSuchFileException("/p/a.jpg")))
                .isEqualTo("file not found (moved or deleted?)");
        assertThat(FileHasher.reason(new java.nio.file.AccessDeniedException("/p/a.jpg")))
                .isEqualTo("file not readable (permission denied)");
        assertThat(FileHasher.reason(new IOException("Input/output error")))
                .isEqualTo("file not readable: Input/output error");
        assertThat(FileHasher.reason(new java.io.EOFException()))
                .isEqualTo("file not readable: EOFException");
    }
}
