package dev.pinwall.embed;

import dev.pinwall.library.PinwallHome;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The backbone shipped in the install's {@code models/} is what a fresh install uses when no model is named. */
class BundledModelTest {
    private static final Path DESCRIPTOR = PinwallHome.install().resolve("models").resolve("mobilenet_v2_imagenet.json");

    @Test
    void descriptorStatesTheMobileNetContract() throws Exception {
        assertThat(DESCRIPTOR).as("the install's models folder, found through pinwall.home or the working directory")
                .isRegularFile();
        ModelDescriptor d = ModelDescriptor.read(DESCRIPTOR);
        assertThat(d.id()).isEqualTo("mobilenet_v2_imagenet");
        assertThat(d.modelFile()).isRegularFile();
        assertThat(Files.size(d.modelFile())).isGreaterThan(8_000_000L);
        assertThat(d.inputWidth()).isEqualTo(224);
        assertThat(d.inputHeight()).isEqualTo(224);
        assertThat(d.resize()).isEqualTo(ModelDescriptor.ResizeMode.SQUASH);
        assertThat(d.mean()).isNull();
        assertThat(d.std()).isNull();
        assertThat(d.dimension()).isEqualTo(1280);
        assertThat(PinwallHome.install().resolve("models").resolve("NOTICE")).isRegularFile();
    }

    @Test
    void noModelNamedMeansTheBundledBackboneWithoutFallbackNotes() {
        ModelRegistry registry = ModelRegistry.discover(PinwallHome.modelDirs());
        assertThat(registry.options().get(0).id()).isEqualTo("mobilenet_v2_imagenet");

        ModelRegistry.Opened opened = registry.openDefault();
        try (Embedder embedder = opened.embedder()) {
            assertThat(opened.notes()).isEmpty();
            assertThat(embedder.info().id()).isEqualTo("mobilenet_v2_imagenet");
            assertThat(embedder.info().displayName()).isEqualTo("MobileNetV2 (ImageNet)");
            assertThat(embedder.info().dimension()).isEqualTo(1280);
        }
    }
}
