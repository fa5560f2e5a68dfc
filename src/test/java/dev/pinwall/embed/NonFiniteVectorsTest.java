package dev.pinwall.embed;

import dev.pinwall.library.IndexListener;
import dev.pinwall.library.IndexReport;
import dev.pinwall.library.Library;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.task.Cancellation;
import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A vector holding NaN or infinity is never stored or served: the image (or the model) fails with a reason. */
class NonFiniteVectorsTest {
    @TempDir
    Path dir;

    /** Embeds an image as its mean red, green, blue, except that a blue image gives NaN, as a broken model would. */
    static final class PoisonedEmbedder implements Embedder {
        @Override
        public EmbedderInfo info() {
            return new EmbedderInfo("poisoned", "Poisoned", 3, 1);
        }

        @Override
        public Session newSession() {
            return new Session() {
                @Override
                public float[][] embed(List<BufferedImage> images) {
                    float[][] out = new float[images.size()][];
                    for (int i = 0; i < out.length; i++) {
                        int rgb = images.get(i).getRGB(0, 0);
                        boolean blue = (rgb & 0xFF) > 200 && ((rgb >> 16) & 0xFF) < 50;
                        out[i] = blue ? new float[]{Float.NaN, 1, Float.POSITIVE_INFINITY}
                                : new float[]{(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                    }
                    return out;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    @Test
    void pipelineFailsTheImageWhoseVectorIsNotFinite() {
        Path red = TestImages.solid(dir.resolve("red.png"), Color.RED);
        Path blue = TestImages.solid(dir.resolve("blue.png"), Color.BLUE);
        List<EmbeddingPipeline.Embedded> embedded = new ArrayList<>();
        Map<Path, String>[] failed = new Map[1];
        new EmbeddingPipeline(new PoisonedEmbedder(), new PipelineSettings(1, 4, 1))
                .run(List.of(red, blue), (vectors, failures) -> {
                    embedded.addAll(vectors);
                    failed[0] = failures;
                }, Cancellation.none());
        assertThat(embedded).extracting(EmbeddingPipeline.Embedded::file).containsExactly(red);
        assertThat(failed[0]).containsOnlyKeys(blue);
        assertThat(failed[0].get(blue)).contains("not finite numbers");
    }

    @Test
    void libraryNeverStoresOrServesANonFiniteVector() throws Exception {
        Path folder = dir.resolve("photos");
        Path red = TestImages.solid(folder.resolve("red.png"), Color.RED);
        Path blue = TestImages.solid(folder.resolve("blue.png"), Color.BLUE);
        PoisonedEmbedder embedder = new PoisonedEmbedder();
        try (EmbeddingStore store = EmbeddingStore.open(dir.resolve("store.db"));
             Library library = Library.open(folder, embedder, store)) {
            IndexReport report = library.index(new IndexListener() { }, Cancellation.none());
            assertThat(report.failed()).containsOnlyKeys(blue);
            assertThat(store.count(embedder.info().storeKey())).isEqualTo(1);
            assertThat(library.vector(library.photo(red).orElseThrow())).isPresent();
            assertThat(library.vector(library.photo(blue).orElseThrow())).isEmpty();
            assertThatThrownBy(() -> library.similarTo(blue, dev.pinwall.library.RelatedQuery.top(3)))
                    .isInstanceOf(EmbedException.class).hasMessageContaining("not finite numbers");
        }
    }

    @Test
    void aModelWhoseProbeOutputIsNotFiniteIsRefusedAtOpen() throws Exception {
        ModelDescriptor d = ModelDescriptor.defaultsFor(dir.resolve("broken.pt"));
        assertThatThrownBy(() -> TorchScriptEmbedder.checkProbe(new float[][]{{0.5f, Float.NaN}}, d))
                .isInstanceOf(EmbedException.class)
                .hasMessageContaining("model broken returned values that are not finite numbers");
        assertThat(TorchScriptEmbedder.checkProbe(new float[][]{{0.5f, 2f}}, d)).isEqualTo(2);
    }

    @Test
    void descriptorsThatPreprocessDifferentlyNeverShareAStoreKey() throws Exception {
        Path model = dir.resolve("net.pt");
        ModelDescriptor plain = ModelDescriptor.defaultsFor(model);
        ModelDescriptor normalised = new ModelDescriptor("net", "Net", model, 224, 224,
                ModelDescriptor.ResizeMode.SQUASH, new float[]{0.485f, 0.456f, 0.406f},
                new float[]{0.229f, 0.224f, 0.225f}, 0, 0, 1);
        ModelDescriptor otherStd = new ModelDescriptor("net", "Net", model, 224, 224,
                ModelDescriptor.ResizeMode.SQUASH, new float[]{0.485f, 0.456f, 0.406f},
                new float[]{0.5f, 0.5f, 0.5f}, 0, 0, 1);
        ModelDescriptor cropped = new ModelDescriptor("net", "Net", model, 224, 224,
                ModelDescriptor.ResizeMode.CENTER_CROP, null, null, 0, 0, 1);
        ModelDescriptor larger = new ModelDescriptor("net", "Net", model, 299, 299,
                ModelDescriptor.ResizeMode.SQUASH, null, null, 0, 0, 1);
        ModelDescriptor secondOutput = new ModelDescriptor("net", "Net", model, 224, 224,
                ModelDescriptor.ResizeMode.SQUASH, null, null, 0, 1, 1);
        List<String> keys = new ArrayList<>();
        for (ModelDescriptor d : List.of(plain, normalised, otherStd, cropped, larger, secondOutput)) {
            keys.add(new EmbedderInfo(d.id(), d.displayName(), 8, 1001, d.preprocessingSignature()).storeKey());
        }
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys.get(0)).as("the bare model keeps its key").isEqualTo("net@p1001");
    }
}
