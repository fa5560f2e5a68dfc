package dev.pinwall.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs against the shared TorchScript models; skipped when {@code pinwall.shared} is absent. */
class TorchScriptEmbedderTest {
    @TempDir
    Path dir;

    private static Path sharedModel(String name) {
        var model = FashionDev.model(name);
        assumeTrue(model.isPresent(), "shared model " + name + " not available (pinwall.shared)");
        return model.get();
    }

    private static BufferedImage solid(int w, int h, Color c) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    @Test
    void loadsEverySharedModelIncludingTupleOutput() throws Exception {
        Path mv2 = sharedModel("mobilenet_v2_imagenet.pt");
        for (String name : List.of("mobilenet_v2_imagenet.pt", "mobilenet_v3_small_imagenet.pt",
                "mobilenet_v2_imagenet_classify.pt")) {
            try (TorchScriptEmbedder e = TorchScriptEmbedder.load(mv2.resolveSibling(name));
                 Embedder.Session s = e.newSession()) {
                float[][] out = s.embed(List.of(solid(225, 300, Color.RED), solid(224, 224, Color.BLUE)));
                assertThat(out).hasNumberOfRows(2);
                assertThat(out[0]).hasSize(e.info().dimension());
                assertThat(out[0]).isNotEqualTo(out[1]);
                int expected = name.startsWith("mobilenet_v3") ? 1024 : 1280;
                assertThat(e.info().dimension()).as(name).isEqualTo(expected);
            }
        }
    }

    @Test
    void batchAndSingleImagesGiveTheSameVectors() throws Exception {
        Path mv2 = sharedModel("mobilenet_v2_imagenet.pt");
        try (TorchScriptEmbedder e = TorchScriptEmbedder.load(mv2); Embedder.Session s = e.newSession()) {
            BufferedImage a = solid(300, 200, Color.ORANGE);
            BufferedImage b = solid(224, 224, Color.GREEN);
            float[][] batch = s.embed(List.of(a, b));
            float[] single = s.embed(List.of(b))[0];
            for (int i = 0; i < single.length; i++) {
                assertThat(batch[1][i]).isCloseTo(single[i], org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void descriptorAddsMeanStdAndChecksDimension() throws Exception {
        Path mv2 = sharedModel("mobilenet_v2_imagenet.pt");
        Path ok = Files.writeString(dir.resolve("normalised.json"), "{\"name\": \"MobileNet normalised\", \"model\": \""
                + mv2.toAbsolutePath() + "\", \"mean\": [0.485, 0.456, 0.406], \"std\": [0.229, 0.224, 0.225],"
                + " \"dimension\": 1280, \"resize\": \"center_crop\"}");
        BufferedImage image = solid(224, 224, Color.MAGENTA);
        try (TorchScriptEmbedder plain = TorchScriptEmbedder.load(mv2);
             TorchScriptEmbedder normalised = TorchScriptEmbedder.load(ok);
             Embedder.Session p = plain.newSession(); Embedder.Session n = normalised.newSession()) {
            assertThat(normalised.info().displayName()).isEqualTo("MobileNet normalised");
            assertThat(n.embed(List.of(image))[0]).isNotEqualTo(p.embed(List.of(image))[0]);
        }
        Path wrong = Files.writeString(dir.resolve("wrong.json"),
                "{\"model\": \"" + mv2.toAbsolutePath() + "\", \"dimension\": 999}");
        assertThatThrownBy(() -> TorchScriptEmbedder.load(wrong)).isInstanceOf(EmbedException.class)
                .hasMessageContaining("returns 1280 values per image; its descriptor says 999");
    }

    @Test
    void refusesAFileThatIsNotAModel() throws Exception {
        sharedModel("mobilenet_v2_imagenet.pt"); // needs the engine only; skip with the rest when absent
        Path junk = Files.writeString(dir.resolve("junk.pt"), "this is not TorchScript");
        assertThatThrownBy(() -> TorchScriptEmbedder.load(junk)).isInstanceOf(EmbedException.class)
                .hasMessageContaining("junk.pt");
    }

    @Test
    void reportsAMissingModelFile() {
        assertThatThrownBy(() -> TorchScriptEmbedder.load(dir.resolve("absent.pt")))
                .isInstanceOf(EmbedException.class).hasMessageStartingWith("model file not found");
    }
}
