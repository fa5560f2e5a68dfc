package dev.pinwall.cli;

import dev.pinwall.embed.ZooDownloader;
import dev.pinwall.testing.LoopbackZoo;
import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code pinwall models} and {@code pinwall models download} against a loopback zoo that serves the tiny test CNN
 * under the ResNet-18 embedding's name (DJL's own {@code DJL_REPO_URL} and {@code DJL_CACHE_DIR} point the command
 * line at it).
 */
class ModelDownloadCommandTest {
    @TempDir
    Path dir;

    private LoopbackZoo server;
    private Path cache;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PinwallCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void pointDjlAtALoopbackZoo() throws IOException {
        assumeTrue(System.getenv("DJL_REPO_URL") == null && System.getenv("DJL_CACHE_DIR") == null,
                "DJL_REPO_URL / DJL_CACHE_DIR are set in the environment, which overrides the test's settings");
        server = new LoopbackZoo();
        cache = Files.createDirectories(dir.resolve("djl-cache"));
        System.setProperty("DJL_REPO_URL", server.url().toString());
        System.setProperty("DJL_CACHE_DIR", cache.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("DJL_REPO_URL");
        System.clearProperty("DJL_CACHE_DIR");
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listsDownloadsWithSizesDownloadsWithProgressAndThenIndexesOffline() throws Exception {
        server.publish("resnet18_embedding", "resnet18_embedding", "resnet18_embedding.pt", LoopbackZoo.tinyModel(),
                false, LoopbackZoo.Delivery.slow(1024, 5));

        Run listed = run("models");
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).containsPattern("download \\(41\\.6 MB\\) +zoo:resnet18_embedding +ResNet-18 "
                + "embedding \\(DJL zoo\\) — pinwall models download zoo:resnet18_embedding");
        assertThat(server.requests()).as("listing never touches the network").isZero();

        Run downloaded = run("models", "download", "zoo:resnet18_embedding");
        assertThat(downloaded.code()).as(downloaded.err()).isZero();
        assertThat(downloaded.err()).contains("Downloading zoo:resnet18_embedding from " + server.url())
                .contains("(100%)");
        assertThat(downloaded.out()).startsWith("downloaded zoo:resnet18_embedding (" + ZooDownloader.formatBytes(
                LoopbackZoo.tinyModel().length) + " in ").contains(" s) to " + cache);

        server.close();
        assertThat(run("models").out()).containsPattern("available +zoo:resnet18_embedding");
        assertThat(run("models", "download", "zoo:resnet18_embedding").out()).contains("already downloaded");
        Path photos = dir.resolve("photos");
        TestImages.solid(photos.resolve("red.png"), Color.RED);
        TestImages.solid(photos.resolve("blue.png"), Color.BLUE);
        Run index = run("index", photos.toString(), "--model", "zoo:resnet18_embedding",
                "--store", dir.resolve("store.db").toString());
        assertThat(index.code()).as(index.err()).isZero();
        assertThat(index.out()).contains("indexed 2 new 2");
    }

    @Test
    void aFailedDownloadExitsNonZeroWithOneLineAndKeepsNothing() throws Exception {
        server.publish("resnet18_embedding", "resnet18_embedding", "resnet18_embedding.pt", LoopbackZoo.tinyModel(),
                true, LoopbackZoo.Delivery.WHOLE);

        Run corrupt = run("models", "download", "zoo:resnet18_embedding");
        assertThat(corrupt.code()).isEqualTo(1);
        assertThat(corrupt.err()).contains("error: download of zoo model zoo:resnet18_embedding from " + server.url()
                + " failed: the downloaded file failed its checksum").doesNotContain("Exception");
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }

        Run unknown = run("models", "download", "zoo:vgg1000");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("error: unknown zoo model zoo:vgg1000");
        Run builtIn = run("models", "download", "builtin");
        assertThat(builtIn.code()).isEqualTo(1);
        assertThat(builtIn.err()).contains("error: model builtin is not a zoo model, so there is nothing to download");
    }
}
