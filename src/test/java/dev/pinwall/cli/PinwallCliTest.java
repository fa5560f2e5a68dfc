package dev.pinwall.cli;

import dev.pinwall.testing.TestImages;
import dev.pinwall.ui.LaunchOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PinwallCliTest {
    @TempDir
    Path dir;

    private Path folder;
    private Path store;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Runs with a desktop that only records the options it was started with. */
    private CliRun runDesktop(List<LaunchOptions> started, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PinwallCli.run(args, new PrintWriter(out), new PrintWriter(err), started::add);
        return new CliRun(code, out.toString().lines().toList(), err.toString());
    }

    @BeforeEach
    void setUp() {
        folder = dir.resolve("photos");
        store = dir.resolve("store.db");
        Color[] colours = {Color.RED, new Color(230, 30, 30), Color.BLUE, new Color(30, 30, 230), Color.GREEN,
                new Color(30, 220, 40), Color.YELLOW, new Color(240, 230, 20)};
        for (int i = 0; i < colours.length; i++) {
            TestImages.solid(folder.resolve((i + 1) + ".png"), colours[i]);
        }
    }

    @Test
    void indexEndsWithTheSummaryLineAndASecondRunComputesNothing() throws IOException {
        TestImages.corrupt(folder.resolve("9.jpg"));
        Files.copy(folder.resolve("1.png"), folder.resolve("1 copy.png"));
        CliRun first = run("index", folder.toString(), "--model", "builtin", "--store", store.toString());
        assertThat(first.code()).as(first.err()).isZero();
        // Every image counted once: 10 = 8 new + 0 cached + 1 duplicate + 1 failed.
        assertThat(first.lastLine()).matches("indexed 10 new 8 cached 0 duplicates 1 failed 1 images_per_s \\d+\\.\\d");
        assertThat(first.err()).contains("9.jpg");

        CliRun second = run("index", folder.toString(), "--model", "builtin", "--store", store.toString());
        assertThat(second.lastLine()).isEqualTo("indexed 10 new 0 cached 8 duplicates 1 failed 1 images_per_s 0.0");
    }

    @Test
    void similarPrintsRankedMatchesWithScores() {
        CliRun run = run("similar", folder.resolve("1.png").toString(), "--k", "3", "--model", "builtin",
                "--store", store.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).hasSize(3);
        assertThat(run.out().get(0)).matches(" 1  [01]\\.\\d{4}  .*2\\.png");
        assertThat(run.out()).noneMatch(line -> line.endsWith("/1.png"));
    }

    @Test
    void evalEndsWithPrecisionLine() throws Exception {
        StringBuilder csv = new StringBuilder("file,label\n");
        String[] labels = {"red", "red", "blue", "blue", "green", "green", "yellow", "yellow"};
        for (int i = 0; i < labels.length; i++) {
            csv.append(i + 1).append(".png,").append(labels[i]).append('\n');
        }
        Path labelsFile = Files.writeString(dir.resolve("labels.csv"), csv);
        CliRun run = run("eval", "--images", folder.toString(), "--labels", labelsFile.toString(), "--label-column", "label",
                "--k", "1", "--model", "builtin", "--store", store.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.lastLine()).matches("P@1 [01]\\.\\d{4} mAP@1 [01]\\.\\d{4} queries 8");
        assertThat(run.out()).contains("images 8 labels 4");
    }

    @Test
    void missingFolderIsOneClearErrorLine() {
        CliRun run = run("index", dir.resolve("nowhere").toString(), "--model", "builtin", "--store", store.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("error:").contains("nowhere").doesNotContain("Exception");
    }

    @Test
    void everyRegisteredCommandAnswersHelp() {
        // Generic over the registered commands, so a new one cannot forget its --help.
        for (Class<?> command : PinwallCli.class.getAnnotation(picocli.CommandLine.Command.class).subcommands()) {
            String name = command.getAnnotation(picocli.CommandLine.Command.class).name();
            CliRun run = run(name, "--help");
            assertThat(run.code()).as(name + ": " + run.err()).isZero();
            assertThat(String.join("\n", run.out())).as(name).contains("Usage: pinwall");
        }
    }

    @Test
    void modelsListsTheBuiltInDescriptor() {
        CliRun run = run("models");
        assertThat(run.code()).isZero();
        assertThat(String.join("\n", run.out())).contains("builtin");
    }

    @ParameterizedTest
    @CsvSource({
            "index, Embed every image of a folder",
            "similar, most similar to an image",
            "eval, Measure retrieval quality",
            "models, List the embedders",
            "bench, Measure embedding throughput",
            "completion, completion script",
            "learn, Learn a projection",
            "models download, Download a model-zoo model"})
    void everyCommandHasHelpThatNeedsNothingElse(String command, String summary) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        CliRun run = run(args.toArray(String[]::new));
        String help = String.join("\n", run.out());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(help).startsWith("Usage: pinwall " + command).contains(summary).contains("--help");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void topLevelHelpListsTheDesktopOptionsAndEveryCommand() {
        CliRun run = run("--help");
        String help = String.join("\n", run.out());
        assertThat(run.code()).isZero();
        assertThat(help).contains("--folder=DIR", "--select=IMAGE", "--model=M", "--screenshot=FILE.png", "--version",
                "Desktop options");
        assertThat(help).contains("index", "similar", "eval", "models", "bench", "completion");
        // every command's one-line summary is a whole sentence
        assertThat(run.out().stream().filter(line -> line.matches("  [a-z]+ {2,}\\S.*")))
                .hasSizeGreaterThanOrEqualTo(6);
        assertThat(help).doesNotContain("query,\n");
    }

    @Test
    void desktopOptionsAreParsedByTheSameCommandLine() {
        List<LaunchOptions> started = new ArrayList<>();
        CliRun run = runDesktop(started, "--folder", "/photos", "--select=1163.jpg", "--model", "builtin",
                "--screenshot", "/tmp/shot.png");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(started).containsExactly(new LaunchOptions(Path.of("/photos"), "1163.jpg", "builtin",
                Path.of("/tmp/shot.png")));

        started.clear();
        assertThat(runDesktop(started).code()).isZero();
        assertThat(started).containsExactly(new LaunchOptions(null, null, null, null));
        assertThat(PinwallCli.opensDesktop(new String[] {"--folder", "/photos"})).isTrue();
        assertThat(PinwallCli.opensDesktop(new String[] {"index", "/photos"})).isFalse();
        assertThat(PinwallCli.opensDesktop(new String[] {"--help"})).isFalse();
    }

    @Test
    void unknownOptionsAndMisplacedDesktopOptionsFailWithoutStartingAnything() {
        List<LaunchOptions> started = new ArrayList<>();
        CliRun unknown = runDesktop(started, "--colour", "red");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--colour");

        CliRun missingValue = runDesktop(started, "--folder");
        assertThat(missingValue.code()).isEqualTo(2);
        assertThat(missingValue.err()).contains("--folder");

        CliRun unknownInCommand = run("index", folder.toString(), "--colour", "red");
        assertThat(unknownInCommand.code()).isEqualTo(2);
        assertThat(unknownInCommand.err()).contains("--colour");

        CliRun misplaced = runDesktop(started, "--folder", folder.toString(), "index", folder.toString());
        assertThat(misplaced.code()).isEqualTo(2);
        assertThat(misplaced.err()).contains("go without a command");
        assertThat(started).isEmpty();
        assertThat(store).doesNotExist();
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        CliRun run = run("completion");
        String script = String.join("\n", run.out());
        assertThat(run.code()).isZero();
        assertThat(script).startsWith("#!/usr/bin/env bash").contains("complete -F");
        assertThat(script).contains("index", "similar", "eval", "models", "bench", "--screenshot", "--label-column");
    }
}
