package dev.pinwall.metadata;

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
 * Fuzz target for the labels/styles CSV reader: any bytes either parse, with every row accounted for (read or
 * counted as skipped), or fail with an {@link IOException} that says why. Seeds in
 * {@code src/test/resources/dev/pinwall/metadata/CsvFuzzTestInputs/}; see docs/FUZZING.md.
 */
class CsvFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("pinwall-csv-fuzz");
    }

    @AfterAll
    static void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "10m")
    void parsesOrRefusesWithAReason(byte[] data) throws IOException {
        Path csv = Files.write(dir.resolve("styles.csv"), data);
        try {
            StylesCsv styles = StylesCsv.read(csv);
            assertThat(styles.skippedRows()).isNotNegative();
            styles.products().forEach((id, info) -> {
                assertThat(id).isNotBlank();
                assertThat(info).isNotNull();
            });
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            LabelsCsv labels = LabelsCsv.read(csv, "file", "label");
            assertThat(labels.skippedRows()).isNotNegative();
            labels.labels().forEach((file, label) -> {
                assertThat(file).isNotBlank();
                assertThat(label).isNotBlank();
            });
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
