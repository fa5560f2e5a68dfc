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

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "\"inputWidth\": 100000, \"inputHeight\": 100000 | inputWidth 100000 is out of range (16 to 1024 pixels)",
            "\"inputSize\": 5000                          | inputSize 5000 is out of range (16 to 1024 pixels)",
            "\"inputHeight\": 8                           | inputHeight 8 is out of range (16 to 1024 pixels)",
            "\"inputWidth\": 4294967520                   | inputWidth must be a whole number, not 4294967520",
            "\"inputWidth\": 224.7                        | inputWidth must be a whole number, not 224.7",
            "\"std\": [0, 0, 0]                           | std values must be at least 1.0E-6, found 0.0",
            "\"std\": [0.2, -0.2, 0.2]                    | std values must be at least 1.0E-6, found -0.2",
            "\"mean\": [NaN, 0.4, 0.4]                    | mean holds a value that is not a finite number (NaN)",
            "\"mean\": [1e40, 0.4, 0.4]                   | mean holds a value that is not a finite number (Infinity)",
            "\"mean\": [0.4, 0.4]                         | mean needs three values (R, G, B), not 2",
            "\"std\": \"wide\"                            | std must be a list of three numbers",
            "\"outputIndex\": -1                          | outputIndex -1 is out of range (0 to 64)",
            "\"dimension\": -5                            | dimension -5 is out of range",
            "\"id\": \" \"                                 | id is empty"})
    void refusesAbsurdDescriptorsNamingTheFileAndTheField(String fields, String reason) throws Exception {
        Path json = Files.writeString(dir.resolve("absurd.json"), "{\"model\": \"net.pt\", " + fields + "}");
        assertThatThrownBy(() -> ModelDescriptor.read(json)).isInstanceOf(EmbedException.class)
                .hasMessageStartingWith("model descriptor absurd.json is invalid: " + reason);
    }

    @Test
    void sizeFromInputSizeOrWidthStillDefaultsTheOtherSide() throws Exception {
        Path wide = Files.writeString(dir.resolve("wide.json"), "{\"model\": \"n.pt\", \"inputWidth\": 299}");
        assertThat(ModelDescriptor.read(wide).inputHeight()).isEqualTo(299);
        Path sized = Files.writeString(dir.resolve("sized.json"), "{\"model\": \"n.pt\", \"inputSize\": 256, "
                + "\"inputHeight\": 128}");
        assertThat(ModelDescriptor.read(sized).inputWidth()).isEqualTo(256);
        assertThat(ModelDescriptor.read(sized).inputHeight()).isEqualTo(128);
    }
}
