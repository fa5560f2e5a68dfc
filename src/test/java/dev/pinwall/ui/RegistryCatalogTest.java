package dev.pinwall.ui;

import dev.pinwall.embed.ColourTextureEmbedder;
import dev.pinwall.embed.EmbedException;
import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.embed.ZooDownloader;
import dev.pinwall.embed.ZooEmbedder;
import dev.pinwall.task.Cancellation;
import dev.pinwall.testing.LoopbackZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The desktop's catalog offers zoo models as downloads with their size, and downloads through the core. */
class RegistryCatalogTest {
    @TempDir
    Path dir;

    @Test
    void zooModelsAreDownloadableWithTheirSizeUntilDownloaded() throws Exception {
        try (LoopbackZoo server = new LoopbackZoo()) {
            long wire = server.publish("tiny_cnn", "tiny_cnn", "tiny_cnn.pt", LoopbackZoo.tinyModel(), false,
                    LoopbackZoo.Delivery.WHOLE);
            var tiny = new ZooEmbedder.ZooModelId("zoo:tiny_cnn", "Tiny CNN (test zoo)", "tiny_cnn", Map.of(), wire);
            RegistryCatalog catalog = RegistryCatalog.of(ModelRegistry.discover(List.of(dir.resolve("none")),
                    new ZooDownloader(server.url(), dir.resolve("cache")), List.of(tiny)));

            assertThat(catalog.choices()).contains(new ModelChoice("zoo:tiny_cnn", "Tiny CNN (test zoo)", false,
                    "zoo model not downloaded yet (" + ZooDownloader.formatBytes(wire) + ")", true, wire));
            EmbedderCatalog.Opened started = catalog.openDefault(null);
            assertThat(started.embedder()).isInstanceOf(ColourTextureEmbedder.class);
            assertThat(server.requests()).as("start-up never contacts the zoo").isZero();

            AtomicLong last = new AtomicLong();
            catalog.download("zoo:tiny_cnn", (done, total) -> last.set(done), Cancellation.none());

            assertThat(last.get()).isEqualTo(wire);
            assertThat(catalog.choices()).contains(new ModelChoice("zoo:tiny_cnn", "Tiny CNN (test zoo)", true, "",
                    false, wire));
            try (var opened = catalog.open("zoo:tiny_cnn").embedder()) {
                assertThat(opened.info().dimension()).isEqualTo(8);
            }
            assertThatThrownBy(() -> catalog.download("builtin", (d, t) -> { }, Cancellation.none()))
                    .isInstanceOf(EmbedException.class).hasMessageContaining("not a zoo model");
        }
    }

    @Test
    void anExplicitModelThatCannotLoadIsAnErrorNotAFallback() {
        RegistryCatalog catalog = RegistryCatalog.of(ModelRegistry.discover(List.of(dir.resolve("none")),
                new ZooDownloader(java.net.URI.create("http://127.0.0.1:9/"), dir.resolve("cache")), List.of()));

        assertThatThrownBy(() -> catalog.openDefault(dir.resolve("nope.pt").toString()))
                .isInstanceOf(EmbedException.class);
    }
}
