package dev.pinwall.cli;

import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the command line does with explicit choices that cannot work and with hostile paths: it fails loudly
 * (non-zero exit, one clear line), never carries on with something nobody asked for.
 */
class CliTrustTest {
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
        Color[] colours = {Color.RED, new Color(230, 30, 30), Color.BLUE, new Color(30, 30, 230)};
        for (int i = 0; i < colours.length; i++) {
            TestImages.solid(folder.resolve((i + 1) + ".png"), colours[i]);
        }
        labels = Files.writeString(dir.resolve("labels.csv"), "file,label\n1.png,red\n2.png,red\n3.png,blue\n4.png,blue\n");
    }

    /** The same model argument given to each embedding command. */
    private List<CliRun> everyCommandWith(String model) {
        List<CliRun> runs = new ArrayList<>();
        runs.add(run("index", folder.toString(), "--model", model, "--store", store.toString()));
        runs.add(run("similar", folder.resolve("1.png").toString(), "--model", model, "--store", store.toString()));
        runs.add(run("eval", "--images", folder.toString(), "--labels", labels.toString(), "--label-column", "label",
                "--k", "1", "--model", model, "--store", store.toString()));
        return runs;
    }

    @Test
    void anUnknownExplicitModelFailsEveryCommand() {
        for (CliRun run : everyCommandWith("nope")) {
            assertThat(run.code()).as(run.err()).isNotZero();
            assertThat(run.err()).contains("error: --model nope cannot be used: unknown model nope")
                    .doesNotContain("note:").doesNotContain("Built-in");
            assertThat(run.out()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "garbage"})
    void aModelFileThatDoesNotLoadFailsEveryCommand(String kind) throws Exception {
        Path model = dir.resolve(kind + ".pt");
        Files.write(model, kind.equals("empty") ? new byte[0] : "PK\u0003\u0004 not a TorchScript archive".getBytes());
        for (CliRun run : everyCommandWith(model.toString())) {
            assertThat(run.code()).as(run.err()).isNotZero();
            assertThat(run.err()).contains("error: --model " + model + " cannot be used: ")
                    .doesNotContain("using built-in");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void saysWhichModelItUsesAndWhy() {
        CliRun explicit = run("index", folder.toString(), "--model", "builtin", "--store", store.toString());
        assertThat(explicit.err()).contains("model: Built-in colour/texture descriptor (chosen with --model)");
        Path other = dir.resolve("other");
        TestImages.solid(other.resolve("1.png"), Color.GREEN);
        CliRun byDefault = run("index", other.toString(), "--store", store.toString());
        assertThat(byDefault.code()).as(byDefault.err()).isZero();
        assertThat(byDefault.err()).containsPattern("model: .+ \\(default: (first usable|no usable) model file in ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3"})
    void aDepthBelowOneIsRejected(String k) {
        CliRun similar = run("similar", folder.resolve("1.png").toString(), "--k", k, "--model", "builtin",
                "--store", store.toString());
        assertThat(similar.code()).isNotZero();
        assertThat(similar.err()).contains("--k must be at least 1 (got " + k + ")");
        assertThat(similar.out()).isEmpty();
        CliRun eval = run("eval", "--images", folder.toString(), "--labels", labels.toString(), "--label-column", "label",
                "--k", k, "--model", "builtin", "--store", store.toString());
        assertThat(eval.code()).isNotZero();
        assertThat(eval.err()).contains("--k must be at least 1 (got " + k + ")");
        assertThat(eval.out()).noneMatch(line -> line.contains("NaN"));
    }

    @Test
    void aMissingLabelFileIsNamedAsMissing() {
        Path missing = dir.resolve("missing.csv");
        CliRun run = run("eval", "--images", folder.toString(), "--labels", missing.toString(), "--model", "builtin",
                "--store", store.toString());
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("error: label file not found: " + missing);
    }

    @Test
    void malformedLabelRowsAreCountedAndReported() throws Exception {
        Path messy = Files.writeString(dir.resolve("messy.csv"),
                "file,label\n1.png,red\n2.png,red\n3.png\n\"4.png,blue\n5.png,\n3.png,blue\n4.png,blue\n");
        CliRun run = run("eval", "--images", folder.toString(), "--labels", messy.toString(), "--label-column", "label",
                "--k", "1", "--model", "builtin", "--store", store.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("note: 3 rows of " + messy + " are malformed or lack a file name or label");
    }

    @Test
    void aFolderWithoutImagesSaysSo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no images here");
        CliRun run = run("index", empty.toString(), "--model", "builtin", "--store", store.toString());
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("error: no images in " + empty + " (Pinwall reads [.bmp, .gif, .jpeg, .jpg, .png])");
    }

    @Test
    void similarSaysWhatAQueryThatIsNotAnImageFileIs() throws Exception {
        CliRun missing = run("similar", folder.resolve("nothere.png").toString(), "--model", "builtin",
                "--store", store.toString());
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("error: image not found: " + folder.resolve("nothere.png"))
                .doesNotContain("vanished");

        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero (Unix)");
        CliRun device = run("similar", zero.toString(), "--model", "builtin", "--store", store.toString());
        assertThat(device.code()).isNotZero();
        assertThat(device.err()).contains("cannot use /dev/zero as the query: not a regular file (a character device)")
                .doesNotContain("empty file");

        Path fifo = dir.resolve("pipe.jpg");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "needs mkfifo");
        CliRun pipe = run("similar", fifo.toString(), "--model", "builtin", "--store", store.toString());
        assertThat(pipe.code()).isNotZero();
        assertThat(pipe.err()).contains("as the query: not a regular file (a named pipe)");
    }

    @Test
    void aNewlineInAFileNameStaysOnOneOutputLine() throws Exception {
        Path odd = TestImages.solid(folder.resolve("two\nlines.png"), new Color(235, 25, 25));
        CliRun run = run("similar", folder.resolve("1.png").toString(), "--k", "3", "--model", "builtin",
                "--store", store.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).hasSize(3).anyMatch(line -> line.endsWith("two\\nlines.png"));
        assertThat(odd).exists();
    }

    @Test
    void aFolderLinkLoopIsReportedWhenIndexing() throws Exception {
        Path loop = Files.createSymbolicLink(folder.resolve("again"), folder);
        Path dangling = Files.createSymbolicLink(folder.resolve("gone.png"), dir.resolve("deleted.png"));
        CliRun run = run("index", folder.toString(), "--model", "builtin", "--store", store.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("failed: " + loop + ": symbolic link loop")
                .contains("failed: " + dangling + ": broken symbolic link (its target is missing)");
        assertThat(run.out().get(run.out().size() - 1)).contains("failed 1");
    }
}
