package dev.pinwall.embed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for model descriptors: any bytes either give a descriptor within the sane ranges (so a model can
 * never be asked for a 100000-pixel input or a zero std) or fail with an {@link EmbedException} naming the file.
 * Seeds in {@code src/test/resources/dev/pinwall/embed/ModelDescriptorFuzzTestInputs/}; see docs/FUZZING.md.
 */
class ModelDescriptorFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("pinwall-descriptor-fuzz");
    }

    @AfterAll
    static void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "10m")
    void readsASaneDescriptorOrRefusesWithAReason(byte[] data) throws IOException {
        Path json = Files.write(dir.resolve("fuzzed.json"), data);
        ModelDescriptor.looksLikeDescriptor(json);
        try {
            ModelDescriptor d = ModelDescriptor.read(json);
            assertThat(d.inputWidth()).isBetween(ModelDescriptor.MIN_INPUT_SIDE, ModelDescriptor.MAX_INPUT_SIDE);
            assertThat(d.inputHeight()).isBetween(ModelDescriptor.MIN_INPUT_SIDE, ModelDescriptor.MAX_INPUT_SIDE);
            assertThat(d.resize()).isNotNull();
            for (float[] values : new float[][] {d.mean(), d.std()}) {
                if (values != null) {
                    assertThat(values).hasSize(3);
                    for (float v : values) {
                        assertThat(Float.isFinite(v)).isTrue();
                    }
                }
            }
            if (d.std() != null) {
                for (float s : d.std()) {
                    assertThat(s).isPositive();
                }
            }
            assertThat(d.outputIndex()).isNotNegative();
            assertThat(d.dimension()).isNotNegative();
            assertThat(d.id()).isNotNull();
            d.preprocessingSignature();
        } catch (EmbedException expected) {
            assertThat(expected.getMessage()).contains("fuzzed.json");
        }
    }
}
