package dev.pinwall.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelDescriptorTest {
    @TempDir
    Path dir;

    @Test
    void readsInceptionStyleDescriptor() throws Exception {
        Path json = Files.writeString(dir.resolve("inception.json"), """
                {"name": "Inception v3", "model": "inception_v3.pt", "inputWidth": 299, "inputHeight": 299,
                 "resize": "squash", "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                 "dimension": 2048, "outputIndex": 1}
                """);
        ModelDescriptor d = ModelDescriptor.read(json);
        assertThat(d.id()).isEqualTo("inception_v3");
        assertThat(d.modelFile()).isEqualTo(dir.resolve("inception_v3.pt").toAbsolutePath());
        assertThat(d.inputWidth()).isEqualTo(299);
        assertThat(d.mean()).containsExactly(0.485f, 0.456f, 0.406f);
        assertThat(d.dimension()).isEqualTo(2048);
        assertThat(d.outputIndex()).isEqualTo(1);
    }

    @Test
    void bareModelGetsTheSharedContract() throws Exception {
        Path pt = Files.writeString(dir.resolve("net.pt"), "x");
        ModelDescriptor d = ModelDescriptor.forModelFile(pt);
        assertThat(d.inputWidth()).isEqualTo(224);
        assertThat(d.resize()).isEqualTo(ModelDescriptor.ResizeMode.SQUASH);
        assertThat(d.mean()).isNull();
        assertThat(d.dimension()).isZero();
    }

    @Test
    void reportsBrokenDescriptors() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{ not json");
        assertThatThrownBy(() -> ModelDescriptor.read(bad)).isInstanceOf(EmbedException.class)
                .hasMessage("model descriptor bad.json is not valid JSON");
        Path mode = Files.writeString(dir.resolve("mode.json"), "{\"resize\": \"zoom\"}");
        assertThatThrownBy(() -> ModelDescriptor.read(mode)).isInstanceOf(EmbedException.class)
                .hasMessageContaining("unknown resize mode 'zoom'");
    }
}
