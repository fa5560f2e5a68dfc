package dev.pinwall.cli;

import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Suggested labels: {@code similar --suggest} and the accuracy line of {@code eval}. */
class SuggestCliTest {
    @TempDir
    Path dir;

    private Path folder;
    private Path store;
    private Path labels;

    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("photos");
        store = dir.resolve("store.db");
        StringBuilder csv = new StringBuilder("file,articleType,baseColour\n");
        java.util.Random random = new java.util.Random(9);
        for (int i = 1; i <= 12; i++) {
            boolean red = i % 2 == 0;
            int j = random.nextInt(30);
            TestImages.solid(folder.resolve(i + ".png"), red ? new Color(200 + j / 2, 20 + j, 20) : new Color(20, 20 + j, 200 + j / 2));
            csv.append(i).append(".png,").append(red ? "Tops,Red" : "Sneakers,Blue").append('\n');
        }
        labels = Files.writeString(dir.resolve("labels.csv"), csv); // beside the folder: the library reads it too
    }

    @Test
    void similarSuggestsTheLabelsOfAnUnlabelledImage() {
        Path query = TestImages.solid(dir.resolve("new/red.png"), new Color(215, 30, 25));
        CliRun run = CliRun.of("similar", query.toString(), "--in", folder.toString(), "--k", "3", "--suggest",
                "--model", "builtin", "--store", store.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).hasSize(3 + 2);
        assertThat(run.out()).anySatisfy(line -> assertThat(line)
                .matches("suggested articleType Tops confidence (0\\.\\d\\d|1\\.00) voters 10"));
        assertThat(run.out()).anySatisfy(line -> assertThat(line).startsWith("suggested baseColour Red confidence"));
        // without --suggest, only the matches
        CliRun plain = CliRun.of("similar", query.toString(), "--in", folder.toString(), "--k", "3",
                "--model", "builtin", "--store", store.toString());
        assertThat(plain.out()).hasSize(3).noneMatch(line -> line.startsWith("suggested"));
    }

    @Test
    void suggestWithoutLabelsFailsLoudly() throws Exception {
        Files.delete(labels);
        CliRun run = CliRun.of("similar", folder.resolve("1.png").toString(), "--suggest", "--model", "builtin",
                "--store", store.toString());
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--suggest needs labels");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void evalPrintsTheSuggestionAccuracyBeforeItsLastLine() {
        CliRun run = CliRun.of("eval", "--images", folder.toString(), "--labels", labels.toString(), "--k", "1",
                "--model", "builtin", "--store", store.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.lastLine()).matches("P@1 [01]\\.\\d{4} mAP@1 [01]\\.\\d{4} queries 12");
        // red and blue photos are apart: every photo's neighbours vote for its own type
        assertThat(run.out().get(run.out().size() - 2))
                .isEqualTo("suggested articleType accuracy 1.0000 (vote of 10 neighbours, leave-one-out)");
    }
}
