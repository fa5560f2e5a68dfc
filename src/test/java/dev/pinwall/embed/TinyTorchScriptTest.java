package dev.pinwall.embed;

import dev.pinwall.library.IndexListener;
import dev.pinwall.library.IndexReport;
import dev.pinwall.library.Library;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DJL / TorchScript path with no pretrained weights: a random-initialised 8-channel convolution and global pool
 * ({@code src/test/resources/models/tiny_cnn.pt}, made by {@code make_tiny_cnn.py}), so it runs without ../shared.
 */
class TinyTorchScriptTest {
    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void copyModel() throws Exception {
        model = dir.resolve("tiny_cnn.pt");
        try (InputStream in = getClass().getResourceAsStream("/models/tiny_cnn.pt")) {
            Files.copy(in, model);
        }
    }

    private BufferedImage image(Color colour, int width, int height) throws Exception {
        return ImageIO.read(TestImages.solid(dir.resolve(colour.getRGB() + "-" + width + ".png"), colour).toFile());
    }

    @Test
    void probesTheOutputSizeAndBatchesAgreeWithSingles() throws Exception {
        try (TorchScriptEmbedder embedder = TorchScriptEmbedder.load(model);
             Embedder.Session session = embedder.newSession()) {
            assertThat(embedder.info().dimension()).isEqualTo(8);
            List<BufferedImage> images = List.of(image(Color.RED, 32, 24), image(Color.BLUE, 32, 24),
                    image(new Color(20, 160, 40), 32, 24));
            float[][] batch = session.embed(images);
            assertThat(batch).hasDimensions(3, 8);
            for (int i = 0; i < images.size(); i++) {
                float[] single = session.embed(List.of(images.get(i)))[0];
                for (int d = 0; d < 8; d++) {
                    assertThat(batch[i][d]).isCloseTo(single[d], org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            assertThat(batch[0]).isNotEqualTo(batch[1]);
        }
    }

    @Test
    void descriptorChangesInputSizeAndNormalisation() throws Exception {
        Path descriptor = Files.writeString(dir.resolve("tiny_inception_like.json"), """
                { "name": "Tiny 299", "model": "tiny_cnn.pt", "inputWidth": 299, "inputHeight": 299,
                  "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "dimension": 8 }
                """);
        BufferedImage red = image(Color.RED, 32, 24);
        try (TorchScriptEmbedder plain = TorchScriptEmbedder.load(model);
             TorchScriptEmbedder described = TorchScriptEmbedder.load(descriptor);
             Embedder.Session a = plain.newSession();
             Embedder.Session b = described.newSession()) {
            assertThat(described.info().displayName()).isEqualTo("Tiny 299");
            assertThat(described.info().dimension()).isEqualTo(8);
            // Same model file, same id, other preprocessing: its vectors must live under another key.
            assertThat(described.info().id()).isEqualTo(plain.info().id());
            assertThat(described.info().storeKey()).isNotEqualTo(plain.info().storeKey());
            assertThat(b.embed(List.of(red))[0]).isNotEqualTo(a.embed(List.of(red))[0]);
        }
    }

    @Test
    void libraryIndexesThroughThePipelineAndASecondRunComputesNothing() throws Exception {
        Path folder = dir.resolve("photos");
        Color[] colours = {Color.RED, Color.BLUE, Color.GREEN, Color.YELLOW, Color.CYAN, Color.MAGENTA, Color.ORANGE};
        for (int i = 0; i < colours.length; i++) {
            TestImages.solid(folder.resolve(i + ".jpg"), colours[i]);
        }
        try (EmbeddingStore store = EmbeddingStore.open(dir.resolve("store.db"));
             TorchScriptEmbedder embedder = TorchScriptEmbedder.load(model)) {
            IndexReport first = Library.open(folder, embedder, store, new PipelineSettings(2, 3, 1))
                    .index(IndexListener.NONE, Cancellation.none());
            assertThat(first.added()).isEqualTo(colours.length);
            assertThat(store.count(embedder.info().storeKey())).isEqualTo(colours.length);
            IndexReport second = Library.open(folder, embedder, store).index(IndexListener.NONE, Cancellation.none());
            assertThat(second.added()).isZero();
            assertThat(second.cached()).isEqualTo(colours.length);
        }
    }
}
