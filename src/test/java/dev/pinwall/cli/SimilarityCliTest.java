package dev.pinwall.cli;

import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --plain}, {@code --quality best} and several label columns on {@code eval} and {@code similar}. */
class SimilarityCliTest {
    @TempDir
    Path dir;

    private Path folder;
    private Path store;
    private Path labels;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("photos");
        store = dir.resolve("store.db");
        Color[] colours = {Color.RED, new Color(230, 30, 30), new Color(140, 20, 20), new Color(120, 30, 25),
                Color.BLUE, new Color(30, 30, 230), new Color(20, 20, 120), new Color(25, 30, 110)};
        String[] kinds = {"red", "red", "red", "red", "blue", "blue", "blue", "blue"};
        String[] shades = {"light", "light", "dark", "dark", "light", "light", "dark", "dark"};
        StringBuilder csv = new StringBuilder("file,kind,shade\n");
        for (int i = 0; i < colours.length; i++) {
            TestImages.solid(folder.resolve((i + 1) + ".png"), colours[i]);
            csv.append(i + 1).append(".png,").append(kinds[i]).append(',').append(shades[i]).append('\n');
        }
        // Jittered copies, so the collection is large enough for the collection-aware fit.
        java.util.Random random = new java.util.Random(4);
        for (int i = colours.length; i < 120; i++) {
            Color c = colours[i % colours.length];
            TestImages.solid(folder.resolve((i + 1) + ".png"), new Color(jitter(c.getRed(), random),
                    jitter(c.getGreen(), random), jitter(c.getBlue(), random)));
            csv.append(i + 1).append(".png,").append(kinds[i % colours.length]).append(',')
                    .append(shades[i % colours.length]).append('\n');
        }
        labels = Files.writeString(dir.resolve("labels.csv"), csv);
    }

    private static int jitter(int value, java.util.Random random) {
        return Math.max(0, Math.min(255, value + random.nextInt(21) - 10));
    }

    private CliRun eval(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("eval", "--images", folder.toString(), "--labels",
                labels.toString(), "--k", "1", "--model", "builtin", "--store", store.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void evalSaysWhichSimilarityItUsedAndKeepsItsLastLine() {
        CliRun plain = eval("--label-column", "kind", "--plain");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("similarity plain");
        assertThat(plain.lastLine()).matches("P@1 [01]\\.\\d{4} mAP@1 [01]\\.\\d{4} queries 120");

        CliRun collection = eval("--label-column", "kind");
        assertThat(collection.code()).as(collection.err()).isZero();
        assertThat(collection.out()).contains("similarity collection");
        assertThat(collection.lastLine()).matches("P@1 [01]\\.\\d{4} mAP@1 [01]\\.\\d{4} queries 120");
    }

    @Test
    void severalLabelColumnsMustAllMatch() {
        CliRun run = eval("--label-column", "kind,shade", "--plain");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("images 120 labels 4");
    }

    @Test
    void bestQualitySaysWhenTheSecondBackboneIsMissing() {
        CliRun run = eval("--label-column", "kind", "--quality", "best");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("best quality without a second backbone");
        assertThat(run.out()).contains("similarity best");
    }

    @Test
    void plainAndBestQualityCannotBeCombined() {
        CliRun run = eval("--label-column", "kind", "--plain", "--quality", "best");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--plain and --quality best cannot be combined");
    }

    @Test
    void similarWithPlainRanksByTheOriginalCosine() {
        CliRun plain = run("similar", folder.resolve("1.png").toString(), "--k", "3", "--model", "builtin",
                "--store", store.toString(), "--plain");
        assertThat(plain.code()).as(plain.err()).isZero();
        assertThat(plain.out()).hasSize(3).noneMatch(line -> line.strip().endsWith("/1.png"));
        assertThat(plain.out().get(0)).matches(" 1  [01]\\.\\d{4}  .*\\.png\\s*");

        CliRun collection = run("similar", folder.resolve("1.png").toString(), "--k", "3", "--model", "builtin",
                "--store", store.toString());
        assertThat(collection.code()).as(collection.err()).isZero();
        assertThat(collection.out()).hasSize(3).noneMatch(line -> line.strip().endsWith("/1.png"));
    }
}
