package dev.pinwall.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ModelRegistryTest {
    @TempDir
    Path dir;

    @Test
    void aChosenModelThatCannotLoadFailsAndIsNeverReplaced() {
        ModelRegistry registry = ModelRegistry.discover(List.of(dir, dir.resolve("missing")));

        assertThatThrownBy(() -> registry.openChosen(dir.resolve("nope.pt").toString()))
                .isInstanceOf(EmbedException.class).hasMessageContaining("model file not found");
    }

    @Test
    void theDefaultFallsBackToBuiltInWithANoteWhenThereIsNoModelFile() {
        ModelRegistry registry = ModelRegistry.discover(List.of(dir, dir.resolve("missing")));

        ModelRegistry.Opened opened = registry.openDefault();

        assertThat(opened.embedder()).isInstanceOf(ColourTextureEmbedder.class);
        assertThat(opened.notes()).anySatisfy(n -> assertThat(n).startsWith("no model files found in")
                .endsWith("using built-in colour/texture descriptor"));
    }

    @Test
    void listsModelFilesDescriptorsZooAndBuiltIn() throws Exception {
        Files.writeString(dir.resolve("a.pt"), "x");
        Files.writeString(dir.resolve("b.pt"), "x");
        Files.writeString(dir.resolve("b.json"), "{\"name\": \"Model B\", \"inputSize\": 299}");
        Files.writeString(dir.resolve("notes.json"), "{\"colour\": \"red\"}"); // not a descriptor

        List<ModelOption> options = ModelRegistry.discover(List.of(dir)).options();

        assertThat(options).extracting(ModelOption::id)
                .containsExactly("b", "a", "zoo:resnet18_embedding", "zoo:resnet50", "builtin");
        assertThat(options.get(0).displayName()).isEqualTo("Model B");
        assertThat(options.get(4).kind()).isEqualTo(ModelOption.Kind.BUILT_IN);
        assertThat(options.get(2).kind()).isEqualTo(ModelOption.Kind.ZOO);
        if (!options.get(2).available()) {
            assertThat(options.get(2).downloadable()).isTrue();
            assertThat(options.get(2).downloadBytes()).isEqualTo(41_574_720L);
            assertThat(options.get(2).reason()).isEqualTo("zoo model not downloaded yet (41.6 MB)");
        }
    }

    @Test
    void brokenModelFileFallsBackWithItsReason() throws Exception {
        assumeTrue(FashionDev.sharedDir().isPresent(), "engine check only with shared material");
        Files.writeString(dir.resolve("broken.pt"), "not a model");
        ModelRegistry.Opened opened = ModelRegistry.discover(List.of(dir)).openDefault();
        assertThat(opened.embedder().info().id()).isEqualTo(ColourTextureEmbedder.ID);
        assertThat(opened.notes()).anySatisfy(n -> assertThat(n).startsWith("model broken could not be loaded: "));
    }

    @Test
    void opensSharedModelFolderByDefault() throws Exception {
        var model = FashionDev.model("mobilenet_v2_imagenet.pt");
        assumeTrue(model.isPresent(), "shared models not available");
        ModelRegistry registry = ModelRegistry.discover(List.of(model.get().getParent()));
        ModelRegistry.Opened opened = registry.openDefault();
        try (Embedder e = opened.embedder()) {
            assertThat(e.info().id()).isEqualTo("mobilenet_v2_imagenet");
            assertThat(opened.notes()).isEmpty();
        }
        try (Embedder e = registry.open("builtin")) {
            assertThat(e).isInstanceOf(ColourTextureEmbedder.class);
        }
        assertThatThrownBy(() -> registry.open("zoo:nothing")).isInstanceOf(EmbedException.class)
                .hasMessageStartingWith("unknown zoo model");
    }

    @Test
    void anAbsurdDescriptorMakesItsModelUnavailableWithTheReasonAndStartUpGoesOn() throws Exception {
        Files.writeString(dir.resolve("huge.pt"), "x");
        Files.writeString(dir.resolve("huge.json"), "{\"model\": \"huge.pt\", \"inputWidth\": 100000}");
        ModelRegistry registry = ModelRegistry.discover(List.of(dir));

        ModelOption huge = registry.options().stream().filter(o -> o.id().equals("huge")).findFirst().orElseThrow();
        assertThat(huge.available()).isFalse();
        assertThat(huge.reason()).isEqualTo("model descriptor huge.json is invalid: inputWidth 100000 is out of range "
                + "(16 to 1024 pixels)");
        assertThatThrownBy(() -> registry.open("huge")).isInstanceOf(EmbedException.class)
                .hasMessageContaining("inputWidth 100000 is out of range");
        ModelRegistry.Opened opened = registry.openDefault();
        assertThat(opened.embedder()).isInstanceOf(ColourTextureEmbedder.class);
        assertThat(opened.notes()).anySatisfy(n -> assertThat(n).contains("huge.json is invalid"));
    }
}
