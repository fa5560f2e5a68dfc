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

/** {@code pinwall duplicates DIR}: one group per line, tab-separated, and its fixed last line. */
class DuplicatesCommandTest {
    @TempDir
    Path dir;

    private Path folder;
    private Path store;

    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("photos");
        store = dir.resolve("store.db");
        TestImages.solid(folder.resolve("1.png"), Color.RED);
        TestImages.solid(folder.resolve("2.png"), Color.BLUE);
        TestImages.solid(folder.resolve("3.png"), new Color(20, 160, 40));
        Files.copy(folder.resolve("1.png"), folder.resolve("4.png")); // the same bytes
        TestImages.solid(folder.resolve("5.jpg"), Color.RED);          // the same picture, another encoding
        TestImages.solid(folder.resolve("6.png"), new Color(250, 250, 20));
        TestImages.solid(folder.resolve("sub/7.png"), Color.BLUE);    // in a subfolder
    }

    private CliRun duplicates(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("duplicates", folder.toString(), "--model", "builtin",
                "--store", store.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void printsOneGroupPerLineAndCountsLast() {
        CliRun run = duplicates("--threshold", "0.99");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsExactly("1.png\t4.png\t5.jpg", "2.png\tsub/7.png",
                "duplicates groups 2 photos 5");
        // the default threshold was calibrated for another model: said, not silent
        assertThat(duplicates().err()).contains("note: the default threshold");
    }

    @Test
    void aThresholdOfOneStillGroupsFilesWithTheSameBytes() {
        CliRun run = duplicates("--threshold", "1.0");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.lastLine()).matches("duplicates groups \\d+ photos \\d+");
        assertThat(run.out().subList(0, run.out().size() - 1)).allSatisfy(line -> assertThat(line).contains("\t"));
        assertThat(run.out()).anySatisfy(line -> assertThat(line).startsWith("1.png\t4.png"));
    }

    @Test
    void noDuplicatesIsAZeroLine() throws Exception {
        Path distinct = dir.resolve("distinct");
        TestImages.solid(distinct.resolve("a.png"), Color.RED);
        TestImages.solid(distinct.resolve("b.png"), Color.BLUE);
        CliRun run = CliRun.of("duplicates", distinct.toString(), "--model", "builtin", "--store", store.toString(),
                "--threshold", "0.99");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsExactly("duplicates groups 0 photos 0");
    }

    @Test
    void aThresholdOutsideTheRangeIsRefused() {
        CliRun run = duplicates("--threshold", "1.5");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--threshold must be in (0, 1]");
        CliRun missing = CliRun.of("duplicates", dir.resolve("nowhere").toString(), "--model", "builtin",
                "--store", store.toString());
        assertThat(missing.code()).isNotZero();
    }

    @Test
    void helpNamesTheOptionsAndTheLastLine() {
        CliRun run = CliRun.of("duplicates", "--help");
        assertThat(run.code()).isZero();
        String help = String.join("\n", run.out());
        assertThat(help).contains("--threshold", "--model", "--store", "duplicates groups");
        assertThat(String.join("\n", CliRun.of("--help").out())).contains("duplicates");
    }
}
