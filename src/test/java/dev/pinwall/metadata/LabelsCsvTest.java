package dev.pinwall.metadata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LabelsCsvTest {

    @TempDir
    Path dir;

    @Test
    void keepsOnlyTheWantedKeysAndStillCountsBadRows() throws IOException {
        StringBuilder text = new StringBuilder("file,label\n");
        for (int i = 0; i < 200_000; i++) {
            text.append(i).append(".jpg,L").append(i % 9).append('\n');
        }
        text.append(",keyless\n").append("short\n").append("unwanted.jpg,\n");
        Path csv = Files.writeString(dir.resolve("labels.csv"), text);
        java.util.Set<String> present = java.util.Set.of("3.jpg", "150000.jpg", "199999.jpg", "missing.jpg", "77.jpg");

        LabelsCsv labels = LabelsCsv.read(csv, "file", "label", present::contains);

        assertThat(labels.labels()).containsOnlyKeys("3.jpg", "150000.jpg", "199999.jpg", "77.jpg");
        assertThat(labels.labels()).containsEntry("150000.jpg", "L" + 150000 % 9);
        assertThat(labels.skippedRows()).as("keyless, short and label-less rows").isEqualTo(3);
    }

    @Test
    void mapsKeyColumnToLabelColumnInFileOrder() throws IOException {
        Path csv = Files.writeString(dir.resolve("labels.csv"), "label,file,other\n"
                + "Shirts,b.jpg,1\n"
                + "Jeans,a.jpg,2\n"
                + ",c.jpg,3\n"            // no label
                + "Shirts,b.jpg,4\n"      // repeated key: first wins
                + "Watches\n");           // too short
        LabelsCsv labels = LabelsCsv.read(csv, "file", "label");
        assertThat(labels.labels()).containsExactly(java.util.Map.entry("b.jpg", "Shirts"),
                java.util.Map.entry("a.jpg", "Jeans"));
        assertThat(labels.skippedRows()).isEqualTo(2);
    }

    @Test
    void namesTheMissingColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("labels.csv"), "file,label\na.jpg,x\n");
        assertThatThrownBy(() -> LabelsCsv.read(csv, "file", "articleType"))
                .isInstanceOf(IOException.class).hasMessageContaining("'articleType'");
    }

    @Test
    void readsTheSharedFashionLabels() throws IOException {
        Path csv = Path.of(System.getProperty("pinwall.shared", "../shared"), "datasets/fashion-dev/labels.csv");
        assumeTrue(Files.isRegularFile(csv), "shared fashion-dev labels not present at " + csv);
        long dataLines = Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).count();

        LabelsCsv labels = LabelsCsv.read(csv, "file", "label");
        StylesCsv styles = StylesCsv.read(csv);

        assertThat(labels.labels().size() + labels.skippedRows()).isEqualTo(dataLines);
        assertThat(labels.labels()).hasSizeGreaterThan(3900);
        assertThat(labels.labels().keySet()).allMatch(k -> k.endsWith(".jpg"));
        assertThat(styles.products()).hasSize(labels.labels().size());
        // Each file's label agrees with its product's article type, and every key is a file's stem.
        labels.labels().forEach((file, label) -> {
            ProductInfo info = styles.forImage(Path.of(file)).orElseThrow();
            assertThat(info.articleType()).as(file).isEqualTo(label);
            assertThat(file).startsWith(info.id() + ".");
        });
    }
}
