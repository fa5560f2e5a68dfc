package dev.pinwall.embed;

import dev.pinwall.task.Cancellation;
import dev.pinwall.testing.LoopbackZoo;
import dev.pinwall.testing.LoopbackZoo.Delivery;
import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Zoo downloads for real, against a DJL-format repository served on the loopback interface: progress, cancel,
 * a connection cut mid-file, a checksum mismatch, and opening the downloaded model with the server gone.
 */
class ZooDownloaderTest {
    private static final String REPO_PATH = "cache/repo/model/cv/image_classification/ai/djl/pytorch/";

    @TempDir
    Path dir;

    private Path cacheRoot;
    private LoopbackZoo server;
    private ZooDownloader zoo;

    @BeforeEach
    void startServer() throws IOException {
        cacheRoot = Files.createDirectories(dir.resolve("djl-cache"));
        server = new LoopbackZoo();
        zoo = new ZooDownloader(server.url(), cacheRoot);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private record Event(long done, long total) {
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        return b;
    }

    private static ZooEmbedder.ZooModelId model(String artifactId, long bytes) {
        return new ZooEmbedder.ZooModelId("zoo:" + artifactId, artifactId + " (test zoo)", artifactId, Map.of(), bytes);
    }

    private List<Path> filesInCache() throws IOException {
        try (Stream<Path> s = Files.walk(cacheRoot)) {
            return s.filter(p -> !p.equals(cacheRoot)).toList();
        }
    }

    @Test
    void downloadsWithProgressThenOpensOfflineAndEmbeds() throws Exception {
        long wire = server.publish("tiny_cnn", "tiny_cnn", "tiny_cnn.pt.gz", LoopbackZoo.tinyModel(), false,
                Delivery.slow(512, 20));
        ZooEmbedder.ZooModelId tiny = model("tiny_cnn", wire);
        ModelRegistry registry = ModelRegistry.discover(List.of(dir.resolve("no-models")), zoo, List.of(tiny));

        ModelOption before = registry.options().stream().filter(o -> o.id().equals("zoo:tiny_cnn")).findFirst()
                .orElseThrow();
        assertThat(before.available()).isFalse();
        assertThat(before.downloadable()).isTrue();
        assertThat(before.downloadBytes()).isEqualTo(wire);
        assertThatThrownBy(() -> registry.open("zoo:tiny_cnn")).isInstanceOf(EmbedException.class)
                .hasMessageContaining("is not downloaded").hasMessageContaining("pinwall models download zoo:tiny_cnn");
        assertThat(server.requests()).as("listing and a refused open never touch the network").isZero();

        List<Event> events = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        Path modelDir = registry.download("zoo:tiny_cnn", (done, total) -> events.add(new Event(done, total)),
                Cancellation.none());
        double millis = (System.nanoTime() - start) / 1e6;

        assertThat(events).hasSizeGreaterThan(3);
        assertThat(events).allSatisfy(e -> assertThat(e.total()).isEqualTo(wire));
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).done()).isGreaterThan(events.get(i - 1).done());
        }
        assertThat(events.get(0).done()).isZero();
        assertThat(events.get(events.size() - 1).done()).isEqualTo(wire);
        // DJL's cache layout: metadata beside the versioned artifact folder.
        assertThat(modelDir).isEqualTo(cacheRoot.resolve(REPO_PATH + "tiny_cnn/0.0.1/tiny_cnn"));
        assertThat(modelDir.resolve("tiny_cnn.pt")).hasBinaryContent(LoopbackZoo.tinyModel());
        assertThat(cacheRoot.resolve(REPO_PATH + "tiny_cnn/metadata.json")).isRegularFile();
        System.out.printf("zoo download: %d bytes in %.0f ms, %d progress events, %d requests%n",
                wire, millis, events.size(), server.requests());

        server.close(); // the network is gone from here on
        ModelOption after = registry.options().stream().filter(o -> o.id().equals("zoo:tiny_cnn")).findFirst()
                .orElseThrow();
        assertThat(after.available()).isTrue();
        assertThat(after.downloadable()).isFalse();
        assertThat(registry.download("zoo:tiny_cnn", DownloadListener.NONE, Cancellation.none()))
                .as("already cached: nothing to fetch").isEqualTo(modelDir);
        BufferedImage red = ImageIO.read(TestImages.solid(dir.resolve("red.png"), Color.RED).toFile());
        BufferedImage blue = ImageIO.read(TestImages.solid(dir.resolve("blue.png"), Color.BLUE).toFile());
        try (Embedder embedder = registry.open("zoo:tiny_cnn"); Embedder.Session session = embedder.newSession()) {
            assertThat(embedder.info().dimension()).isEqualTo(8);
            float[][] vectors = session.embed(List.of(red, blue));
            assertThat(vectors).hasDimensions(2, 8);
            assertThat(vectors[0]).isNotEqualTo(vectors[1]);
        }
    }

    @Test
    void startingUpNeverTriesTheZoo() throws Exception {
        long wire = server.publish("tiny_cnn", "tiny_cnn", "tiny_cnn.pt", LoopbackZoo.tinyModel(), false,
                Delivery.WHOLE);
        ModelRegistry registry = ModelRegistry.discover(List.of(dir.resolve("no-models")), zoo,
                List.of(model("tiny_cnn", wire)));
        registry.download("zoo:tiny_cnn", DownloadListener.NONE, Cancellation.none());
        int requests = server.requests();

        ModelRegistry.Opened opened = registry.openDefault();

        assertThat(opened.embedder()).as("a downloaded zoo model is used only when chosen")
                .isInstanceOf(ColourTextureEmbedder.class);
        assertThat(server.requests()).isEqualTo(requests);
    }

    @Test
    void cancelMidDownloadStopsAndKeepsNothing() throws Exception {
        int size = 1 << 20;
        long wire = server.publish("big", "big", "big.pt", random(size), false, Delivery.slow(8 * 1024, 2));
        Cancellation cancellation = new Cancellation();
        List<Event> events = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> zoo.download(model("big", wire), (done, total) -> {
            events.add(new Event(done, total));
            if (done >= 100 * 1024) {
                cancellation.cancel();
            }
        }, cancellation)).isInstanceOf(EmbedException.class).hasMessage("download of zoo model zoo:big was cancelled");

        assertThat(events.get(events.size() - 1).done()).isBetween(100L * 1024, wire - 1);
        assertThat(filesInCache()).as("no partial files or folders").isEmpty();
        assertThat(zoo.isCached(model("big", wire))).isFalse();
    }

    @Test
    void cancelStopsAStalledTransferAtOnce() throws Exception {
        long wire = server.publish("stall", "stall", "stall.pt", random(1 << 20), false, Delivery.stallAfter(64 * 1024));
        Cancellation cancellation = new Cancellation();
        CountDownLatch receiving = new CountDownLatch(1);
        Thread canceller = new Thread(() -> {
            try {
                receiving.await(20, TimeUnit.SECONDS);
                Thread.sleep(300); // the download is now blocked reading a connection that sends nothing
            } catch (InterruptedException e) {
                return;
            }
            cancellation.cancel();
        });
        canceller.start();

        long start = System.nanoTime();
        assertThatThrownBy(() -> zoo.download(model("stall", wire), (done, total) -> {
            if (done > 0) {
                receiving.countDown();
            }
        }, cancellation)).isInstanceOf(EmbedException.class).hasMessageContaining("was cancelled");
        canceller.join();

        // well under the 30 s read timeout: Cancel broke the connection instead of waiting for it
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
        assertThat(filesInCache()).isEmpty();
    }

    @Test
    void connectionCutMidFileIsAClearErrorAndKeepsNothing() throws Exception {
        long wire = server.publish("cut", "cut", "cut.pt", random(1 << 20), false, Delivery.cutAfter(100 * 1024));

        assertThatThrownBy(() -> zoo.download(model("cut", wire), DownloadListener.NONE, Cancellation.none()))
                .isInstanceOf(EmbedException.class)
                .hasMessageStartingWith("download of zoo model zoo:cut from " + server.url() + " failed: "
                        + "the connection broke after ")
                .hasMessageContaining("of " + wire + " bytes of " + server.url())
                .hasMessageEndingWith("; nothing was kept");

        assertThat(filesInCache()).isEmpty();
    }

    @Test
    void checksumMismatchIsRefusedAndKeepsNothing() throws Exception {
        long wire = server.publish("tiny_cnn", "tiny_cnn", "tiny_cnn.pt", LoopbackZoo.tinyModel(), true,
                Delivery.WHOLE);
        ZooEmbedder.ZooModelId tiny = model("tiny_cnn", wire);

        assertThatThrownBy(() -> zoo.download(tiny, DownloadListener.NONE, Cancellation.none()))
                .isInstanceOf(EmbedException.class)
                .hasMessageContaining("failed: the downloaded file failed its checksum (tiny_cnn.pt, expected sha1: 0000");

        assertThat(filesInCache()).isEmpty();
        assertThatThrownBy(() -> ZooEmbedder.open(tiny, zoo)).hasMessageContaining("is not downloaded");
    }

    @Test
    void missingArtifactAndRefusedConnectionSayWhat() throws Exception {
        assertThatThrownBy(() -> zoo.download(model("absent", 10), DownloadListener.NONE, Cancellation.none()))
                .hasMessageContaining("failed: HTTP 404 for " + server.url());
        server.close();
        assertThatThrownBy(() -> zoo.download(model("absent", 10), DownloadListener.NONE, Cancellation.none()))
                .hasMessageContaining("failed: cannot connect");
        assertThat(filesInCache()).isEmpty();
    }
}
