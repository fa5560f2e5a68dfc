package dev.pinwall.ui;

import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader with its callbacks collected on the test thread (the toolkit is started for image creation). */
@ExtendWith(ApplicationExtension.class)
class ThumbnailLoaderTest {
    @TempDir
    Path dir;
    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();

    /** Runs queued "UI" callbacks until {@code loader} has nothing pending. */
    private void drain(ThumbnailLoader loader) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loader.pending() > 0 && System.nanoTime() < deadline) {
            Runnable next = uiQueue.poll(50, TimeUnit.MILLISECONDS);
            if (next != null) {
                next.run();
            }
        }
        for (Runnable next; (next = uiQueue.poll()) != null; ) {
            next.run();
        }
    }

    @Test
    void decodesAtThumbnailSizeAndAnswersRepeatsFromTheCache() throws Exception {
        Path big = TestPhotos.solid(dir, "big.png", 10, 200, 30);
        try (ThumbnailLoader loader = new ThumbnailLoader(32, 1 << 20, 1, uiQueue::add)) {
            List<Image> got = new ArrayList<>();
            loader.load(big, got::add, reason -> { });
            drain(loader);
            assertThat(got).hasSize(1);
            assertThat(Math.max(got.get(0).getWidth(), got.get(0).getHeight())).isEqualTo(32);

            loader.load(big, got::add, reason -> { });
            assertThat(got).hasSize(2).allMatch(image -> image == got.get(0));
            assertThat(loader.pending()).isZero();
        }
    }

    @Test
    void evictsLeastRecentlyUsedBeyondTheByteBudget() throws Exception {
        // 48x64 photos become 24x32 thumbnails: 3,072 bytes each; a 7,000-byte budget keeps two
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            files.add(TestPhotos.solid(dir, i + ".png", i * 60, 0, 0));
        }
        try (ThumbnailLoader loader = new ThumbnailLoader(32, 7_000, 1, uiQueue::add)) {
            for (Path file : files) {
                loader.load(file, image -> { }, reason -> { });
                drain(loader);
            }
            assertThat(loader.cachedCount()).isEqualTo(2);
            assertThat(loader.cached(files.get(3))).isNotNull();
            assertThat(loader.cached(files.get(2))).isNotNull();
            assertThat(loader.cached(files.get(0))).isNull();
        }
    }

    @Test
    void reportsWhyAFileCannotBeShown() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        Path garbage = TestPhotos.garbage(dir, "garbage.jpg");
        try (ThumbnailLoader loader = new ThumbnailLoader(32, 1 << 20, 1, uiQueue::add)) {
            List<String> reasons = new ArrayList<>();
            loader.load(empty, image -> { }, reasons::add);
            loader.load(garbage, image -> { }, reasons::add);
            drain(loader);
            assertThat(reasons).hasSize(2).allSatisfy(reason -> assertThat(reason).isNotBlank());
            assertThat(loader.failure(garbage)).isEqualTo(loader.failure(garbage)).isNotBlank();
        }
    }

    @Test
    void cancelledRequestsAreNotDelivered() throws Exception {
        Path file = TestPhotos.solid(dir, "a.png", 1, 2, 3);
        try (ThumbnailLoader loader = new ThumbnailLoader(32, 1 << 20, 1, uiQueue::add)) {
            List<Image> got = new ArrayList<>();
            loader.load(file, got::add, reason -> { }).cancel();
            drain(loader);
            assertThat(got).isEmpty();
            assertThat(loader.pending()).isZero();
        }
    }
}
